package io.github.pgfixture.support;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemplateSetup;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the template attributes of the adapters' annotations into a {@link Template}, the same way for
 * JUnit and TestNG, and caches the result per JVM (the hash reads every migration file once).
 */
final class TemplateSpecs {

    /** The attributes as written on an annotation; empty strings and arrays mean "not given". */
    record Spec(List<String> flyway, String liquibase, String sql,
                       Class<? extends TemplateSetup> setup, String version) {

        Spec {
            flyway = List.copyOf(flyway);
        }

        static Spec of(String[] flyway, String liquibase, String sql, Class<? extends TemplateSetup> setup,
                              String version) {
            return new Spec(Arrays.asList(flyway), liquibase, sql, setup, version);
        }

        /** True when no template is named: the database starts empty (or a class-level default applies). */
        boolean isEmpty() {
            return flyway.isEmpty() && liquibase.isEmpty() && sql.isEmpty() && setup == TemplateSetup.class;
        }
    }

    private static final Map<Spec, Template> CACHE = new ConcurrentHashMap<>();

    private TemplateSpecs() {
    }

    /**
     * The template for {@code spec}, or null when it names none.
     *
     * @param where names the annotated element, for messages
     */
    static Template resolve(Spec spec, String where) {
        if (spec.isEmpty()) {
            return null;
        }
        List<String> given = new ArrayList<>();
        if (!spec.flyway().isEmpty()) {
            given.add("flyway");
        }
        if (!spec.liquibase().isEmpty()) {
            given.add("liquibase");
        }
        if (!spec.sql().isEmpty()) {
            given.add("sql");
        }
        if (spec.setup() != TemplateSetup.class) {
            given.add("setup");
        }
        if (given.size() > 1) {
            throw new PgFixtureException(where + " names its template in more than one way (" + String.join(", ", given)
                    + "). Keep exactly one of flyway, liquibase, sql and setup.");
        }
        if (spec.setup() != TemplateSetup.class && spec.version().isEmpty()) {
            throw new PgFixtureException(where + " gives setup = " + spec.setup().getName() + " without a version. Add "
                    + "version = \"...\" and change it whenever the setup changes, so that a new template is built.");
        }
        return CACHE.computeIfAbsent(spec, s -> create(s, where));
    }

    private static Template create(Spec spec, String where) {
        if (spec.setup() != TemplateSetup.class) {
            return fromSetup(spec, where);
        }
        try {
            return fromMigrations(spec);
        } catch (PgFixtureException e) {
            // Say which attribute named the missing location or the absent library, not only what it named.
            throw new PgFixtureException(where + " names " + attribute(spec) + ": " + e.getMessage(), e);
        }
    }

    private static Template fromMigrations(Spec spec) {
        if (!spec.flyway().isEmpty()) {
            return Template.flyway(spec.flyway().toArray(String[]::new));
        }
        if (!spec.liquibase().isEmpty()) {
            return Template.liquibase(spec.liquibase());
        }
        if (!spec.sql().isEmpty()) {
            return Template.sqlFiles(spec.sql());
        }
        throw new IllegalStateException("no migrations in " + spec);
    }

    /** The template attribute as written on the annotation: {@code flyway = {"a", "b"}}, {@code sql = "db/sql"}. */
    static String attribute(Spec spec) {
        if (!spec.flyway().isEmpty()) {
            List<String> quoted = spec.flyway().stream().map(l -> "\"" + l + "\"").toList();
            return "flyway = " + (quoted.size() == 1 ? quoted.get(0) : "{" + String.join(", ", quoted) + "}");
        }
        return !spec.liquibase().isEmpty() ? "liquibase = \"" + spec.liquibase() + "\"" : "sql = \"" + spec.sql() + "\"";
    }

    private static Template fromSetup(Spec spec, String where) {
        String label = spec.setup().getSimpleName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        label = label.isEmpty() ? "setup" : label.substring(0, Math.min(24, label.length()));
        return Template.of(label, spec.setup().getName() + "\n" + spec.version(), instantiate(spec.setup(), where));
    }

    private static TemplateSetup instantiate(Class<? extends TemplateSetup> type, String where) {
        try {
            Constructor<? extends TemplateSetup> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new PgFixtureException(where + " names setup = " + type.getName() + ", which cannot be created: "
                    + e + ". Give it a no-argument constructor (a static nested or top-level class).", e);
        }
    }
}
