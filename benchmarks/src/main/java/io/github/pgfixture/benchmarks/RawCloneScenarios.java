package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The baseline: plain JDBC and SQL, what any test suite could do by hand. One admin connection to
 * {@code postgres}, opened once, runs every {@code CREATE DATABASE} and {@code DROP DATABASE}.
 */
final class RawCloneScenarios implements AutoCloseable {

    static final List<String> PHASES = List.of("create", "connect", "query", "close connection", "drop");

    private final SharedCluster cluster;
    private final String template;
    private final Connection admin;

    RawCloneScenarios(SharedCluster cluster, String template) throws SQLException {
        this.cluster = cluster;
        this.template = template;
        this.admin = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
    }

    Scenario fileCopy() {
        return new Raw("FILE_COPY");
    }

    Scenario walLog() {
        return new Raw("WAL_LOG");
    }

    /**
     * Diagnostic (-Dbench.diagnose=true): {@code raw FILE_COPY}, but before the DROP it polls
     * {@code pg_stat_activity} on the admin connection until the closed session's backend has gone.
     * A DROP that finds a backend still exiting sleeps 100 ms in PostgreSQL (CountOtherDBBackends).
     */
    Scenario fileCopyDropAfterExit() {
        return new Scenario() {
            private final Raw raw = new Raw("FILE_COPY");

            @Override
            public String name() {
                return "raw FILE_COPY, drop after exit";
            }

            @Override
            public String description() {
                return "as `raw FILE_COPY`, but before `DROP DATABASE` polls `SELECT count(*) FROM pg_stat_activity "
                        + "WHERE datname = x` on the admin connection until it is 0";
            }

            @Override
            public List<String> phases() {
                return List.of("create", "connect", "query", "close connection", "wait for exit", "drop");
            }

            @Override
            public void run(String database, Laps laps) throws SQLException {
                raw.createConnectQueryClose(database, laps);
                try (PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
                    ps.setString(1, database);
                    Sql.awaitZero(ps, "the end of the sessions on " + database);
                }
                laps.lap();
                raw.drop(database);
                laps.lap();
            }
        };
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }

    private final class Raw implements Scenario {
        private final String strategy;

        Raw(String strategy) {
            this.strategy = strategy;
        }

        @Override
        public String name() {
            return "raw " + strategy;
        }

        @Override
        public String description() {
            return "on one open admin connection to `postgres`: `CREATE DATABASE x TEMPLATE tpl STRATEGY " + strategy
                    + "`; `DriverManager.getConnection(jdbcUrl(x))`, `SELECT 1`, close; `DROP DATABASE x`";
        }

        @Override
        public List<String> phases() {
            return PHASES;
        }

        @Override
        public void run(String database, Laps laps) throws SQLException {
            createConnectQueryClose(database, laps);
            drop(database);
            laps.lap();
        }

        /** The first four phases. */
        void createConnectQueryClose(String database, Laps laps) throws SQLException {
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE DATABASE " + Sql.quote(database) + " TEMPLATE " + Sql.quote(template)
                        + " STRATEGY " + strategy);
            }
            laps.lap();
            Connection c = DriverManager.getConnection(cluster.jdbcUrl(database));
            try {
                laps.lap();
                Sql.selectOne(c);
                laps.lap();
            } finally {
                c.close();
            }
            laps.lap();
        }

        void drop(String database) throws SQLException {
            try (Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE " + Sql.quote(database));
            }
        }
    }
}
