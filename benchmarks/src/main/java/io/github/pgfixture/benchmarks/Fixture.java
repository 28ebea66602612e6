package io.github.pgfixture.benchmarks;

import io.github.pgfixture.MigrationHash;
import io.github.pgfixture.Template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * One schema the suite benchmark runs on: the SQL file from the shared fixtures, copied as
 * {@code V1__schema.sql} into a folder of its own so that Flyway (migrate per test) finds it as a
 * migration, and the pgfixture {@link Template} that runs the same file through one JDBC statement.
 *
 * @param name      for the report: {@code 50 tables} or {@code Pagila}
 * @param label     a template label: {@code [a-z0-9_]}
 * @param sql       the fixture file
 * @param migration the folder holding {@code V1__schema.sql}
 * @param template  the pgfixture template: named by the hash of the migration folder, built by {@link #load}
 */
record Fixture(String name, String label, Path sql, Path migration, Template template) {

    static final String FIFTY_TABLES = "bench-50-tables.sql";
    static final String PAGILA = "pagila-schema-no-pgvector.sql";

    /** Time the most recent {@link #load} took in this JVM, in nanoseconds (for the cold start). */
    private static final AtomicLong LAST_LOAD_NANOS = new AtomicLong();

    static Fixture of(String name, String label, Path sql, Path workDirectory) {
        try {
            Path migration = Files.createDirectories(workDirectory.resolve(label));
            Files.copy(sql, migration.resolve("V1__schema.sql"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Template template = Template.of(label, MigrationHash.ofDirectory(migration), ds -> load(ds, sql));
            return new Fixture(name, label, sql, migration, template);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + sql + " into " + workDirectory, e);
        }
    }

    /** Runs the whole file through one JDBC statement on a connection of {@code target}. */
    static void load(DataSource target, Path sql) throws IOException, SQLException {
        long start = System.nanoTime();
        String script = Files.readString(sql);
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.execute(script);
        }
        LAST_LOAD_NANOS.set(System.nanoTime() - start);
    }

    static long lastLoadNanos() {
        return LAST_LOAD_NANOS.get();
    }
}
