package io.github.pgfixture.support;

import io.github.pgfixture.Template;
import io.github.pgfixture.TemplateSetup;

/**
 * From the attributes of an adapter's annotation ({@code flyway}, {@code liquibase}, {@code sql},
 * {@code setup}, {@code version}) to the {@link Template} they name, the same mapping for every adapter,
 * and the one template a database that names none is cloned from.
 */
public final class AdapterTemplates {

    /**
     * What a database that names no template is cloned from: one definition for every adapter, so
     * that a JVM running several builds it once. A clone, so that it is auto-named and reaped like any other.
     */
    public static final Template EMPTY = Template.of("empty", "pgfixture: an empty database", template -> { });

    private AdapterTemplates() {
    }

    /**
     * Whether the attributes name no template (empty strings and arrays, and {@code TemplateSetup.class},
     * mean "not given").
     *
     * @param flyway    the Flyway locations
     * @param liquibase the Liquibase changelog
     * @param sql       the SQL file or folder
     * @param setup     the setup class
     * @return true when none is given
     */
    public static boolean namesNone(String[] flyway, String liquibase, String sql,
                                    Class<? extends TemplateSetup> setup) {
        return TemplateSpecs.Spec.of(flyway, liquibase, sql, setup, "").isEmpty();
    }

    /**
     * The template the attributes name, built once per distinct set of attributes in this JVM.
     *
     * @param flyway    the Flyway locations
     * @param liquibase the Liquibase changelog
     * @param sql       the SQL file or folder
     * @param setup     the setup class
     * @param version   the version of a setup class, or empty
     * @param where     names the annotated element, for messages
     * @return the template, or null when the attributes name none
     * @throws io.github.pgfixture.PgFixtureException saying what to change, when they name it in more
     *                                                than one way or in a way that cannot work
     */
    public static Template resolve(String[] flyway, String liquibase, String sql,
                                   Class<? extends TemplateSetup> setup, String version, String where) {
        return TemplateSpecs.resolve(TemplateSpecs.Spec.of(flyway, liquibase, sql, setup, version), where);
    }
}
