package io.github.pgfixture.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

/**
 * A new embedded cluster per test class, as zonky's {@code EmbeddedPostgres} gives it: the first test of
 * every class of {@code classSize} tests boots a cluster (initdb, start) and loads the fixture into its
 * {@code postgres} database; the tests of the class share that database (no isolation between them); the
 * last test of the class stops the cluster and deletes its folder. Those costs land on the tests that
 * pay them, which is what shows in p90 and max.
 */
final class ClusterPerClassScenario implements SuiteScenario {

    private final Path storage;
    private final String maxConnections;
    private final int classSize;
    private EmbeddedPostgres current;
    private Path currentDirectory;

    ClusterPerClassScenario(Path storage, String maxConnections, int classSize) {
        this.storage = storage;
        this.maxConnections = maxConnections;
        this.classSize = classSize;
    }

    @Override
    public String name() {
        return "cluster per class";
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public String description() {
        return "zonky `EmbeddedPostgres.builder()...start()` per class of " + classSize + " tests, fixture loaded into "
                + "its `postgres` database by the first test; each test connects to that shared database (no isolation), "
                + "runs the work, closes; the last test of the class `close()`s the cluster";
    }

    @Override
    public void test(Fixture fixture, int index, int tests, Work work) throws Exception {
        if (current == null) {
            currentDirectory = ZonkyClusters.newDataDirectory(storage);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            ZonkyClusters.likePgfixture(currentDirectory, maxConnections).accept(builder);
            current = builder.start();
            Fixture.load(current.getPostgresDatabase(), fixture.sql());
        }
        try (Connection c = current.getPostgresDatabase().getConnection()) {
            work.run(c);
        }
        if (index % classSize == classSize - 1 || index == tests - 1) {
            close();
        }
    }

    @Override
    public List<Path> dataDirectories(Fixture fixture) {
        Path directory = currentDirectory;
        return directory == null ? List.of() : List.of(directory);
    }

    @Override
    public void close() throws Exception {
        if (current != null) {
            EmbeddedPostgres cluster = current;
            current = null;
            currentDirectory = null;
            cluster.close();
        }
    }
}
