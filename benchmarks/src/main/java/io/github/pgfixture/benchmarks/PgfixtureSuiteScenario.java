package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.TemporaryDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test does with pgfixture: a {@link TemporaryDatabase}, a connection from its
 * {@code dataSource()}, the work, close. With the pool: {@code temporaryClone(Template)}, the
 * auto-named call, served from the pool of ready clones and dropped in the background. Without it:
 * {@code temporaryDatabaseFromTemplate(name, template)}, which clones and drops on the test's path
 * (the pool never serves a caller-chosen name).
 */
final class PgfixtureSuiteScenario implements SuiteScenario {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final SharedCluster cluster;
    private final Map<Fixture, String> templates;
    private final List<Path> dataDirectories;
    private final boolean pool;
    private final List<String> handedOut = new ArrayList<>();

    PgfixtureSuiteScenario(SharedCluster cluster, Map<Fixture, String> templates, Path dataDirectory, boolean pool) {
        this.cluster = cluster;
        this.templates = templates;
        this.dataDirectories = List.of(dataDirectory);
        this.pool = pool;
    }

    @Override
    public String name() {
        return pool ? "pgfixture, pool" : "pgfixture, no pool";
    }

    @Override
    public String description() {
        return pool
                ? "`try (TemporaryDatabase db = cluster.temporaryClone(template); Connection c = db.dataSource()"
                    + ".getConnection()) { work }`: a clone from the pool of ready clones (pgfixture.ready-clones, "
                    + "default 4), dropped in the background after close"
                : "`try (TemporaryDatabase db = cluster.temporaryDatabaseFromTemplate(x, tpl); Connection c = "
                    + "db.dataSource().getConnection()) { work }`: cloned and dropped on the test's path";
    }

    @Override
    public void test(Fixture fixture, int index, int tests, Work work) throws Exception {
        TemporaryDatabase db = pool
                ? cluster.temporaryClone(fixture.template())
                : cluster.temporaryDatabaseFromTemplate("bench_pgf_" + SEQUENCE.incrementAndGet(), templates.get(fixture));
        try (db; Connection c = db.dataSource().getConnection()) {
            work.run(c);
        }
        handedOut.add(db.name());
    }

    /** With the pool: waits until the dropping thread has dropped every database of this suite. */
    @Override
    public void drain(Fixture fixture) throws Exception {
        // deferred drops too (pgfixture.deferred-drops): the drain times every DROP the suite caused
        cluster.awaitDrops(java.time.Duration.ofMinutes(5));
        Sql.awaitDropped(cluster.jdbcUrl("postgres"), handedOut);
        handedOut.clear();
    }

    @Override
    public List<Path> dataDirectories(Fixture fixture) {
        return dataDirectories;
    }
}
