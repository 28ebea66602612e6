package io.github.pgfixture.benchmarks;

import io.zonky.test.db.postgres.embedded.ConnectionInfo;
import io.zonky.test.db.postgres.embedded.DatabasePreparer;
import io.zonky.test.db.postgres.embedded.PreparedDbProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * zonky's {@link PreparedDbProvider}: one cluster per preparer, whose {@code template1} holds the schema;
 * a background thread keeps one database ({@code CREATE DATABASE x}, a copy of {@code template1}) ready
 * and hands it over through a {@code SynchronousQueue}. Per test: {@code createNewDatabase()}, a
 * {@code PGSimpleDataSource} on it, a connection, the work, close. zonky never drops these databases; the
 * benchmark drops them after each suite, untimed, so that a long run does not fill {@code /dev/shm}.
 */
final class ZonkyPreparedScenario implements SuiteScenario {

    private final Path storage;
    private final String maxConnections;
    private final Map<Fixture, PreparedDbProvider> providers = new HashMap<>();
    private final Map<Fixture, Path> directories = new HashMap<>();
    private final List<ConnectionInfo> created = new ArrayList<>();

    ZonkyPreparedScenario(Path storage, String maxConnections) {
        this.storage = storage;
        this.maxConnections = maxConnections;
    }

    @Override
    public String name() {
        return "zonky PreparedDbProvider";
    }

    @Override
    public String description() {
        return "`PreparedDbProvider.forPreparer(preparer, customizers)`; per test `createNewDatabase()` (a database "
                + "the provider's thread created ahead from the prepared `template1`), "
                + "`createDataSourceFromConnectionInfo(info).getConnection()`, the work, close; never dropped by zonky "
                + "(the benchmark drops them after the suite, untimed)";
    }

    @Override
    public void beforeSuite(Fixture fixture, int tests) {
        providers.computeIfAbsent(fixture, f -> {
            Path directory = ZonkyClusters.newDataDirectory(storage);
            directories.put(f, directory);
            return PreparedDbProvider.forPreparer(new Preparer(f.sql()),
                    List.of(ZonkyClusters.likePgfixture(directory, maxConnections)));
        });
    }

    @Override
    public void test(Fixture fixture, int index, int tests, Work work) throws Exception {
        PreparedDbProvider provider = providers.get(fixture);
        ConnectionInfo info = provider.createNewDatabase();
        DataSource dataSource = provider.createDataSourceFromConnectionInfo(info);
        try (Connection c = dataSource.getConnection()) {
            work.run(c);
        }
        created.add(info);
    }

    @Override
    public void afterSuite(Fixture fixture) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        ConnectionInfo first = created.get(0);
        String url = "jdbc:postgresql://localhost:" + first.getPort() + "/postgres?user=" + first.getUser();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (ConnectionInfo info : created) {
                s.execute("DROP DATABASE " + Sql.quote(info.getDbName()) + " WITH (FORCE)");
            }
        }
        created.clear();
    }

    @Override
    public List<Path> dataDirectories(Fixture fixture) {
        Path directory = directories.get(fixture);
        return directory == null ? List.of() : List.of(directory);
    }

    /** Loads the fixture into {@code template1}; equal per file, as zonky's cache of clusters expects. */
    private record Preparer(Path sql) implements DatabasePreparer {
        @Override
        public void prepare(DataSource template) throws SQLException {
            try {
                Fixture.load(template, sql);
            } catch (IOException e) {
                throw new SQLException("Cannot read " + sql, e);
            }
        }
    }
}
