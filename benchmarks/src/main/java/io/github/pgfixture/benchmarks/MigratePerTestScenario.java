package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * No template at all: per test an empty database ({@code CREATE DATABASE x}, a copy of
 * {@code template1}), Flyway migrates it from the fixture's migration folder, connect, the work, close,
 * {@code DROP DATABASE x}; on the shared cluster, all on the test's path.
 */
final class MigratePerTestScenario implements SuiteScenario {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final SharedCluster cluster;
    private final List<Path> dataDirectories;
    private final AdminConnection admin;

    MigratePerTestScenario(SharedCluster cluster, Path dataDirectory) throws SQLException {
        this.cluster = cluster;
        this.dataDirectories = List.of(dataDirectory);
        this.admin = new AdminConnection(cluster);
    }

    @Override
    public String name() {
        return "migrate per test";
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public String description() {
        return "`CREATE DATABASE x` (empty); `Flyway.configure().dataSource(x).locations(\"filesystem:…\").load()"
                + ".migrate()`; connect; the work; close; `DROP DATABASE x` — all on the test's path";
    }

    @Override
    public void test(Fixture fixture, int index, int tests, Work work) throws Exception {
        String database = "bench_migrate_" + SEQUENCE.incrementAndGet();
        String url = cluster.jdbcUrl(database);
        admin.execute("CREATE DATABASE " + Sql.quote(database));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        Flyway.configure().dataSource(dataSource).locations("filesystem:" + fixture.migration()).load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
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
