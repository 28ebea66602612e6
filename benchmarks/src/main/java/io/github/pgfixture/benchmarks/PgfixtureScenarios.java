package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.TemporaryDatabase;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import javax.sql.DataSource;

/** What a test does with pgfixture: a {@link TemporaryDatabase} cloned from the template, one query, close. */
final class PgfixtureScenarios {

    /** Same names as {@link RawCloneScenarios#PHASES}; "drop" is {@link TemporaryDatabase#close()}. */
    static final List<String> PHASES = RawCloneScenarios.PHASES;

    private final SharedCluster cluster;
    private final String template;

    PgfixtureScenarios(SharedCluster cluster, String template) {
        this.cluster = cluster;
        this.template = template;
    }

    /** Connects through {@link TemporaryDatabase#dataSource()}, the HikariCP pool the database owns. */
    Scenario pooled() {
        return new Scenario() {
            @Override
            public String name() {
                return "pgfixture";
            }

            @Override
            public String description() {
                return "`try (TemporaryDatabase db = SharedCluster.get().temporaryDatabaseFromTemplate(x, tpl); "
                        + "Connection c = db.dataSource().getConnection()) { SELECT 1 }`";
            }

            @Override
            public List<String> phases() {
                return PHASES;
            }

            @Override
            public void run(String database, Laps laps) throws Exception {
                TemporaryDatabase db = cluster.temporaryDatabaseFromTemplate(database, template);
                try {
                    laps.lap();
                    Connection c = db.dataSource().getConnection();
                    try {
                        laps.lap();
                        Sql.selectOne(c);
                        laps.lap();
                    } finally {
                        c.close();
                    }
                    laps.lap();
                } finally {
                    db.close();
                }
                laps.lap();
            }
        };
    }

    /** Connects with {@code DriverManager.getConnection(db.url())}: no pool is made. */
    Scenario url() {
        return new Scenario() {
            @Override
            public String name() {
                return "pgfixture url";
            }

            @Override
            public String description() {
                return "as `pgfixture`, but connecting with `DriverManager.getConnection(db.url())` instead of the pool";
            }

            @Override
            public List<String> phases() {
                return PHASES;
            }

            @Override
            public void run(String database, Laps laps) throws Exception {
                TemporaryDatabase db = cluster.temporaryDatabaseFromTemplate(database, template);
                try {
                    laps.lap();
                    Connection c = DriverManager.getConnection(db.url());
                    try {
                        laps.lap();
                        Sql.selectOne(c);
                        laps.lap();
                    } finally {
                        c.close();
                    }
                    laps.lap();
                } finally {
                    db.close();
                }
                laps.lap();
            }
        };
    }

    /**
     * Diagnostic (-Dbench.diagnose=true): the {@code pgfixture} scenario with its two library phases split
     * in two each: making the pool ({@code dataSource()}, which opens one connection) apart from borrowing
     * from it, and closing the pool apart from the {@code DROP DATABASE} in {@code close()}. Closing the
     * pool first is what {@code close()} does itself; its own second close of the pool is a no-op.
     */
    Scenario pooledSplit() {
        return new Scenario() {
            @Override
            public String name() {
                return "pgfixture, phases split";
            }

            @Override
            public String description() {
                return "as `pgfixture`, timed in finer phases: `dataSource()` (pool start, opens one connection), "
                        + "`getConnection()` (borrow), ..., the pool's `close()`, then `db.close()` (the DROP)";
            }

            @Override
            public List<String> phases() {
                return List.of("create", "pool start", "borrow", "query", "close connection", "pool close", "drop");
            }

            @Override
            public void run(String database, Laps laps) throws Exception {
                TemporaryDatabase db = cluster.temporaryDatabaseFromTemplate(database, template);
                try {
                    laps.lap();
                    DataSource pool = db.dataSource();
                    laps.lap();
                    Connection c = pool.getConnection();
                    try {
                        laps.lap();
                        Sql.selectOne(c);
                        laps.lap();
                    } finally {
                        c.close();
                    }
                    laps.lap();
                    ((Closeable) pool).close();
                    laps.lap();
                } finally {
                    db.close();
                }
                laps.lap();
            }
        };
    }
}
