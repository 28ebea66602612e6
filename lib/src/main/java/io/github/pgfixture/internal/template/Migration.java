package io.github.pgfixture.internal.template;

import javax.sql.DataSource;

/**
 * How a template's schema is made: Flyway, Liquibase, a folder of SQL files, or the user's
 * {@code TemplateSetup} as the internals see it. {@code TemplateBuilder} runs one; the API's
 * {@code Template} wraps one of {@link Migrations} as its {@code TemplateSetup}. A type of the
 * internals' own, so that they do not import the API package.
 */
@FunctionalInterface
public interface Migration {

    /**
     * Migrates the database behind {@code template}.
     *
     * @param template connects to the template being built; closed by the caller afterwards
     * @throws Exception whatever the migration tool or the SQL threw; the build fails with it as cause
     */
    void migrate(DataSource template) throws Exception;
}
