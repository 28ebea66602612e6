package io.github.pgfixture.spring;

import io.github.pgfixture.Template;
import io.github.pgfixture.TemplateSetup;
import io.github.pgfixture.support.AdapterTemplates;

import java.util.Arrays;
import java.util.List;

/**
 * The template attributes of an {@link AutoConfigureTempDatabase}: part of the context's cache key (two
 * test classes that name the same template share a context; the isolation is not part of it).
 */
record TemplateAttributes(List<String> flyway, String liquibase, String sql, Class<? extends TemplateSetup> setup,
                          String version, String where) {

    static TemplateAttributes of(AutoConfigureTempDatabase annotation, Class<?> testClass) {
        return new TemplateAttributes(List.of(annotation.flyway()), annotation.liquibase(), annotation.sql(),
                annotation.setup(), annotation.version(), "@AutoConfigureTempDatabase on " + testClass.getName());
    }

    /** The template named, or null when the attributes name none (then the application's migrations decide). */
    Template resolve() {
        return AdapterTemplates.resolve(flyway.toArray(String[]::new), liquibase, sql, setup, version, where);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateAttributes other && other.flyway.equals(flyway) && other.liquibase.equals(liquibase)
                && other.sql.equals(sql) && other.setup.equals(setup) && other.version.equals(version);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {flyway, liquibase, sql, setup, version});
    }
}
