package io.github.pgfixture.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.TemporaryDatabase;
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
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One way a test gets its database in {@link ParallelBenchmark}; {@link #test} is called from many threads
 * at once. Each test connects, runs {@code SELECT 1} and its W ms of work, as in the sequential suite.
 */
interface ParallelContender extends AutoCloseable {

    String name();

    /** The data directory of the server the tests use, whose CPU time is counted. */
    Path dataDirectory();

    /** One test; thread-safe. */
    void test(SuiteScenario.Work work) throws Exception;

    /** Waits for what the suite's tests left running in the background; timed as part of the suite's drain. */
    default void drain() throws Exception {
    }

    /** Untimed clean-up after a suite. */
    default void afterSuite() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }

    /** {@code try (TemporaryDatabase db = cluster.temporaryDatabase(template)) {...}}: ready clones, background drops. */
    static ParallelContender pgfixture(SharedCluster cluster, Fixture fixture, Path data) {
        Queue<String> handedOut = new ConcurrentLinkedQueue<>();
        return new ParallelContender() {
            @Override
            public String name() {
                return ParallelReport.PGFIXTURE;
            }

            @Override
            public Path dataDirectory() {
                return data;
            }

            @Override
            public void test(SuiteScenario.Work work) throws Exception {
                TemporaryDatabase db = cluster.temporaryDatabase(fixture.template());
                try (db; Connection c = db.dataSource().getConnection()) {
                    work.run(c);
                }
                handedOut.add(db.name());
            }

            @Override
            public void drain() throws Exception {
                // deferred drops too (pgfixture.deferred-drops): the drain times every DROP the suite caused
                cluster.awaitDrops(java.time.Duration.ofMinutes(5));
                Sql.awaitDropped(cluster.jdbcUrl("postgres"), handedOut);
                handedOut.clear();
            }
        };
    }

    /**
     * The physical limit of cloning on the test's path: {@code CREATE DATABASE … STRATEGY strategy} on the
     * test thread's own admin connection (opened once per thread), connect, the work, {@code DROP DATABASE}.
     * {@code FILE_COPY} checkpoints on every clone, {@code WAL_LOG} writes the copy to the WAL: which is
     * cheaper with several creators at once is what this measures.
     */
    static ParallelContender rawClone(SharedCluster cluster, String template, String strategy, Path data) {
        AtomicInteger sequence = new AtomicInteger();
        Queue<Connection> admins = new ConcurrentLinkedQueue<>();
        ThreadLocal<Connection> admin = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
                admins.add(c);
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot open an admin connection: " + e, e);
            }
        });
        return new ParallelContender() {
            @Override
            public String name() {
                return strategy.equals("FILE_COPY") ? ParallelReport.RAW : "raw clone, " + strategy;
            }

            @Override
            public Path dataDirectory() {
                return data;
            }

            @Override
            public void test(SuiteScenario.Work work) throws Exception {
                String database = "bench_par_" + strategy.toLowerCase(java.util.Locale.ROOT) + "_" + sequence.incrementAndGet();
                try (Statement s = admin.get().createStatement()) {
                    s.execute("CREATE DATABASE " + Sql.quote(database) + " TEMPLATE " + Sql.quote(template)
                            + " STRATEGY " + strategy);
                    try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(database))) {
                        work.run(c);
                    }
                    s.execute("DROP DATABASE " + Sql.quote(database));
                }
            }

            @Override
            public void close() throws SQLException {
                for (Connection c : admins) {
                    c.close();
                }
            }
        };
    }

    /** zonky's {@link PreparedDbProvider}, as in the sequential suite; its databases dropped after each suite. */
    static ParallelContender zonky(Fixture fixture, Path storage, String maxConnections) {
        Path directory = ZonkyClusters.newDataDirectory(storage);
        DatabasePreparer preparer = new DatabasePreparer() {
            @Override
            public void prepare(DataSource template) throws SQLException {
                try {
                    Fixture.load(template, fixture.sql());
                } catch (IOException e) {
                    throw new SQLException("Cannot read " + fixture.sql(), e);
                }
            }

            @Override
            public boolean equals(Object o) {
                return o == this;
            }

            @Override
            public int hashCode() {
                return System.identityHashCode(this);
            }
        };
        PreparedDbProvider provider = PreparedDbProvider.forPreparer(preparer,
                List.of(ZonkyClusters.likePgfixture(directory, maxConnections)));
        Queue<ConnectionInfo> created = new ConcurrentLinkedQueue<>();
        return new ParallelContender() {
            @Override
            public String name() {
                return ParallelReport.ZONKY;
            }

            @Override
            public Path dataDirectory() {
                return directory;
            }

            @Override
            public void test(SuiteScenario.Work work) throws Exception {
                ConnectionInfo info = provider.createNewDatabase();
                created.add(info);
                try (Connection c = provider.createDataSourceFromConnectionInfo(info).getConnection()) {
                    work.run(c);
                }
            }

            @Override
            public void afterSuite() throws SQLException {
                List<ConnectionInfo> all = new ArrayList<>(created);
                created.clear();
                if (all.isEmpty()) {
                    return;
                }
                String url = "jdbc:postgresql://localhost:" + all.get(0).getPort() + "/postgres?user=" + all.get(0).getUser();
                try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    for (ConnectionInfo info : all) {
                        s.execute("DROP DATABASE " + Sql.quote(info.getDbName()) + " WITH (FORCE)");
                    }
                }
            }
        };
    }

    /**
     * The floor: every test borrows a connection from one HikariCP pool on one shared clone (as many
     * connections as threads, opened ahead) — what the suite costs with no isolation at all.
     */
    static ParallelContender sharedDatabase(SharedCluster cluster, String template, int threads, Path data) {
        String name = "bench_par_shared";
        cluster.createDatabaseFromTemplate(name, template);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cluster.jdbcUrl(name));
        config.setPoolName("bench-shared");
        config.setMaximumPoolSize(threads);
        config.setMinimumIdle(threads);
        HikariDataSource pool = new HikariDataSource(config);
        return new ParallelContender() {
            @Override
            public String name() {
                return ParallelReport.SHARED;
            }

            @Override
            public Path dataDirectory() {
                return data;
            }

            @Override
            public void test(SuiteScenario.Work work) throws Exception {
                try (Connection c = pool.getConnection()) {
                    work.run(c);
                }
            }

            @Override
            public void close() {
                pool.close();
                cluster.forceDropDatabase(name);
            }
        };
    }
}
