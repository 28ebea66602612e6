package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The physical limit: per test, {@code CREATE DATABASE x TEMPLATE tpl STRATEGY s} on an admin connection
 * held open for the whole run, connect, the work, close, {@code DROP DATABASE x}; all on the test's path.
 * The template is the one pgfixture built for the fixture, so every scenario on the shared cluster clones
 * the same database.
 */
final class RawSuiteScenario implements SuiteScenario {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final SharedCluster cluster;
    private final Map<Fixture, String> templates;
    private final List<Path> dataDirectories;
    private final String strategy;
    private final AdminConnection admin;

    RawSuiteScenario(SharedCluster cluster, Map<Fixture, String> templates, Path dataDirectory, String strategy)
            throws SQLException {
        this.cluster = cluster;
        this.templates = templates;
        this.dataDirectories = List.of(dataDirectory);
        this.strategy = strategy;
        this.admin = new AdminConnection(cluster);
    }

    @Override
    public String name() {
        return "raw " + strategy;
    }

    @Override
    public String description() {
        return "on one admin connection held open: `CREATE DATABASE x TEMPLATE tpl STRATEGY " + strategy
                + "`; `DriverManager.getConnection`; the work; close; `DROP DATABASE x` — all on the test's path";
    }

    @Override
    public void test(Fixture fixture, int index, int tests, Work work) throws Exception {
        String database = "bench_raw_" + SEQUENCE.incrementAndGet();
        admin.execute("CREATE DATABASE " + Sql.quote(database) + " TEMPLATE " + Sql.quote(templates.get(fixture))
                + " STRATEGY " + strategy);
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(database))) {
            work.run(c);
        }
        admin.execute("DROP DATABASE " + Sql.quote(database));
    }

    @Override
    public List<Path> dataDirectories(Fixture fixture) {
        return dataDirectories;
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
