package io.github.pgfixture.internal.template;

import javax.sql.DataSource;

/**
 * How a template's schema is made: Flyway, Liquibase or a folder of SQL files. The API's
 * {@code Template} wraps one as its {@code TemplateSetup}; this package's own type keeps it free of
 * the API package.
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
