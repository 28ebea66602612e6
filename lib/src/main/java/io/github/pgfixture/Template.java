package io.github.pgfixture;

import io.github.pgfixture.internal.template.Migrations;
import io.github.pgfixture.internal.template.Resources;

import java.nio.file.Path;
import java.util.List;

/**
 * A template definition that carries its own name: how to migrate it (Flyway, Liquibase, a folder of
 * SQL files, or any code) and a hash of its migrations. The name is
 * {@code pgfixture_tpl_<label>_<hash>}, so an unchanged schema reuses the template already built
 * (also by an earlier run, on an external server) and any change builds a new one.
 *
 * <p>Locations follow Flyway's convention: {@code classpath:db/migration} (also plain
 * {@code db/migration}) is searched on the class path, folders and jars alike;
 * {@code filesystem:src/test/sql} is a folder. The hash covers every file below each location (see
 * {@link MigrationHash}), so a changed file, even one the tool ignores, means a new template.
 *
 * <p>Immutable; compute it once (a static final field) and share it: the hash reads every file.
 * <pre>{@code
 * static final Template APP = Template.flyway("db/migration");
 * try (TemporaryDatabase db = SharedCluster.get().temporaryClone(APP)) { ... }
 * }</pre>
 */
public final class Template {

    static final String PREFIX = "pgfixture_tpl_";
    private static final int MAX_LABEL = 24;

    private final String label;
    private final String hash;
    private final TemplateSetup setup;

    private Template(String label, String hash, TemplateSetup setup) {
        this.label = label;
        this.hash = hash;
        this.setup = setup;
    }

    /**
     * Migrated by Flyway from {@code locations}. Needs {@code org.flywaydb:flyway-core} and
     * {@code org.flywaydb:flyway-database-postgresql} on the class path.
     *
     * @param locations Flyway locations, at least one ({@code db/migration}, {@code filesystem:sql})
     * @return the definition, labelled {@code flyway}
     * @throws PgFixtureException without a location or with an empty one, without Flyway on the class path,
     *                            or if a location cannot be read for the hash
     */
    public static Template flyway(String... locations) {
        requireLocations(locations, "flyway");
        ClassLoader loader = loader();
        TemplateSetup setup = Migrations.flyway(locations, loader)::migrate;
        return new Template("flyway", hashOf("flyway", loader, locations), setup);
    }

    /**
     * Migrated by Liquibase from {@code changelog}: a class-path resource such as
     * {@code db/changelog/db.changelog-master.yaml}, or {@code filesystem:path/to/changelog.xml}. The
     * hash covers the changelog's folder and everything below it, so keep included files there.
     * Needs {@code org.liquibase:liquibase-core}.
     *
     * @param changelog the master changelog
     * @return the definition, labelled {@code liquibase}
     * @throws PgFixtureException for an empty changelog, without Liquibase on the class path, or if the
     *                            changelog cannot be found or read
     */
    public static Template liquibase(String changelog) {
        requireLocations(new String[] {changelog}, "liquibase");
        ClassLoader loader = loader();
        TemplateSetup setup;
        String folder;
        if (changelog.startsWith("filesystem:")) {
            Path file = Path.of(changelog.substring("filesystem:".length())).toAbsolutePath();
            Path parent = file.getParent();
            setup = Migrations.liquibase(file.getFileName().toString(), parent, loader)::migrate;
            folder = "filesystem:" + parent;
        } else {
            String resource = changelog.startsWith("classpath:") ? changelog.substring("classpath:".length()) : changelog;
            setup = Migrations.liquibase(resource, null, loader)::migrate;
            int slash = resource.lastIndexOf('/');
            folder = slash > 0 ? "classpath:" + resource.substring(0, slash) : null;
            if (folder == null) {
                return new Template("liquibase", MigrationHash.ofText("liquibase\n" + changelog + "="
                        + MigrationHash.of(List.of(single(resource, loader)))), setup);
            }
        }
        return new Template("liquibase", hashOf("liquibase\n" + changelog, loader, folder), setup);
    }

    /**
     * Migrated by running the {@code .sql} files below {@code location} in natural name order
     * ({@code 2_b.sql} before {@code 10_a.sql}), each file as one JDBC execution in one transaction
     * (a file of one statement outside any). Other files are ignored by the setup but still count for
     * the hash. A failing file is reported with the line and the first line of the statement that
     * failed, found by running the file's statements once more, one at a time, and rolling them back.
     * A location without {@code .sql} files fails when the template is built.
     *
     * @param location a class-path folder ({@code db/sql}, {@code classpath:db/sql}) or
     *                 {@code filesystem:path}
     * @return the definition, labelled {@code sql}
     * @throws PgFixtureException for an empty location, or one that cannot be read for the hash
     */
    public static Template sqlFiles(String location) {
        requireLocations(new String[] {location}, "sqlFiles");
        ClassLoader loader = loader();
        return new Template("sql", hashOf("sql", loader, location),
                Migrations.sqlFiles(location, () -> entries(location, loader))::migrate);
    }

    /**
     * As {@link #sqlFiles(String)} for a folder.
     *
     * @param directory the folder of {@code .sql} files, relative to the working directory or absolute
     * @return the definition, labelled {@code sql}
     * @throws PgFixtureException for a null folder, or one that cannot be read
     */
    public static Template sqlFiles(Path directory) {
        if (directory == null) {
            throw new PgFixtureException("Template.sqlFiles got a null directory. Pass the folder of the .sql files.");
        }
        return sqlFiles("filesystem:" + directory.toAbsolutePath());
    }

    /**
     * Migrated by any code. {@code version} stands for the migrations: change it whenever
     * {@code setup} would build something different, or the old template is reused.
     *
     * @param label   part of the template's name: 1 to 24 characters of {@code [a-z0-9_]}
     * @param version stands for what {@code setup} builds; its hash goes into the name
     * @param setup   migrates the template
     * @return the definition
     * @throws PgFixtureException for a bad label, or a null version or setup
     */
    public static Template of(String label, String version, TemplateSetup setup) {
        if (version == null || setup == null) {
            throw new PgFixtureException("Template.of(\"" + label + "\", ...) got a null " + (setup == null ? "setup" : "version")
                    + ". Pass the code that migrates the template and a version that changes whenever that code does.");
        }
        return new Template(checkLabel(label), MigrationHash.ofText("code\n" + version), setup);
    }

    /**
     * The same definition under another label, e.g. to keep two Flyway schemas apart in names and
     * in {@link SharedCluster#dropOutdatedTemplates}: at most 24 characters of {@code [a-z0-9_]}.
     *
     * @param newLabel the label, 1 to 24 characters of {@code [a-z0-9_]}
     * @return a new definition with the same hash and setup
     * @throws PgFixtureException for a bad label
     */
    public Template named(String newLabel) {
        return new Template(checkLabel(newLabel), hash, setup);
    }

    /**
     * The template database's name.
     *
     * @return {@code pgfixture_tpl_<label>_<hash>}, at most 51 characters
     */
    public String name() {
        return PREFIX + label + "_" + hash;
    }

    /**
     * The label: what kind of migration, or the name given by {@link #of} or {@link #named}.
     *
     * @return {@code flyway}, {@code liquibase}, {@code sql}, or the label given
     */
    public String label() {
        return label;
    }

    /**
     * The hash of the migrations (every file below the locations, or the version given to {@link #of}).
     *
     * @return 12 lowercase hex characters
     */
    public String hash() {
        return hash;
    }

    /**
     * What builds the template, as {@link SharedCluster#ensureTemplateExists} runs it.
     *
     * @return the setup; it reads the migrations when it runs, with the class loader of the defining thread
     */
    public TemplateSetup setup() {
        return setup;
    }

    /**
     * Equal when the names are: same label, same hash.
     *
     * @param o any object
     * @return whether {@code o} is a Template of the same name
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Template other && other.name().equals(name());
    }

    /** @return the name's hash code */
    @Override
    public int hashCode() {
        return name().hashCode();
    }

    /** @return {@code Template[<name>]} */
    @Override
    public String toString() {
        return "Template[" + name() + "]";
    }

    private static String checkLabel(String label) {
        if (label == null || !label.matches("[a-z0-9_]{1," + MAX_LABEL + "}")) {
            throw new PgFixtureException("Template label '" + label + "' must be 1 to " + MAX_LABEL
                    + " characters of a-z, 0-9 and _ (it becomes part of a database name).");
        }
        return label;
    }

    private static void requireLocations(String[] locations, String method) {
        if (locations == null || locations.length == 0) {
            throw new PgFixtureException("Template." + method + " needs at least one location, e.g. \"db/migration\".");
        }
        for (String location : locations) {
            if (location == null || location.isBlank()) {
                throw new PgFixtureException("Template." + method + " got an empty location. Pass a class-path folder such as "
                        + "\"db/migration\" or \"filesystem:src/test/sql\".");
            }
        }
    }

    private static String hashOf(String kind, ClassLoader loader, String... locations) {
        StringBuilder text = new StringBuilder(kind);
        for (String location : locations) {
            text.append('\n').append(location).append('=').append(MigrationHash.of(entries(location, loader)));
        }
        return MigrationHash.ofText(text.toString());
    }

    private static List<Resources.Entry> entries(String location, ClassLoader loader) {
        if (location.startsWith("filesystem:")) {
            return Resources.ofDirectory(Path.of(location.substring("filesystem:".length())));
        }
        return Resources.ofClasspath(location, loader);
    }

    private static Resources.Entry single(String resource, ClassLoader loader) {
        try (var in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PgFixtureException("The class path has no " + resource + ". Check the changelog's location.");
            }
            return new Resources.Entry(resource, in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new PgFixtureException("Cannot read " + resource + ": " + e, e);
        }
    }

    /**
     * The class loader a definition reads its class-path migrations with, for the hash now and for
     * the setup later (on whatever thread builds it): the defining thread's context class loader.
     */
    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Template.class.getClassLoader();
    }

}
