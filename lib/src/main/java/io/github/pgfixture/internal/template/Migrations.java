package io.github.pgfixture.internal.template;

import io.github.pgfixture.PgFixtureException;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The migrations a template can run: Flyway, Liquibase, or a folder of SQL files. Flyway and Liquibase
 * are optional: the classes that use them are loaded only after their presence is checked here, so
 * without them nothing breaks until a template asks for them.
 */
public final class Migrations {

    private Migrations() {
    }

    /** @param loader the class loader that finds {@code classpath:} locations (the one the template was hashed with) */
    public static Migration flyway(String[] locations, ClassLoader loader) {
        require("org.flywaydb.core.Flyway", "Flyway", "org.flywaydb:flyway-core and org.flywaydb:flyway-database-postgresql");
        require("org.flywaydb.database.postgresql.PostgreSQLDatabaseType", "Flyway's PostgreSQL support",
                "org.flywaydb:flyway-database-postgresql (Flyway 10 and later need it beside flyway-core)");
        return new FlywaySetup(locations, loader);
    }

    /** @param loader the class loader that finds a class-path changelog (the one the template was hashed with) */
    public static Migration liquibase(String changelog, Path directory, ClassLoader loader) {
        require("liquibase.command.CommandScope", "Liquibase", "org.liquibase:liquibase-core (4.x or 5.x)");
        return new LiquibaseSetup(changelog, directory, loader);
    }

    /**
     * Runs the {@code .sql} files of {@code location} in natural name order, each file in one transaction.
     *
     * @param files every file below the location (others than {@code .sql} are skipped), read when the
     *              template is built
     */
    public static Migration sqlFiles(String location, Supplier<List<Resources.Entry>> files) {
        return new SqlFilesSetup(location, files);
    }

    private static void require(String className, String what, String artifacts) {
        try {
            Class.forName(className, false, Migrations.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PgFixtureException("This template needs " + what + ", which is not on the class path. Add "
                    + artifacts + " as a test dependency.", e);
        }
    }
}
