package io.github.pgfixture;

import io.github.pgfixture.internal.cluster.TemplateBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link SharedCluster#ensureTemplateExists}: once, in parallel per template, marked, never half-built. */
class EnsureTemplateExistsTest {

    /** Only a guard against a hang: a test that waits this long has failed anyway. */
    private static final long PATIENCE_SECONDS = 120;

    private final SharedCluster cluster = SharedCluster.get();
    private final List<String> templates = new ArrayList<>();

    @AfterEach
    void dropTemplates() {
        Sql.dropAll(templates);
    }

    private String template(String name) {
        templates.add(name);
        return name;
    }

    /** Counts its runs and creates table {@code marker} with one row. */
    private static TemplateSetup counting(AtomicInteger runs) {
        return ds -> {
            runs.incrementAndGet();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE marker (id int)");
                s.execute("INSERT INTO marker VALUES (1)");
            }
        };
    }

    @Test
    void sixteenThreads_oneTemplate_setupRunsOnce() throws Exception {
        String name = template("ensure_sixteen");
        AtomicInteger runs = new AtomicInteger();
        TemplateSetup setup = counting(runs);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(threads.submit(() -> {
                    start.await();
                    cluster.ensureTemplateExists(name, setup);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(runs).hasValue(1);
        assertThat(Sql.templateState(cluster, name)).isEqualTo("built");
    }

    @Test
    void twoTemplates_oneBlockedInSetup_theOtherFinishes() throws Exception {
        String slow = template("ensure_parallel_slow");
        String fast = template("ensure_parallel_fast");
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        CompletableFuture<Void> slowBuild = CompletableFuture.runAsync(() -> cluster.ensureTemplateExists(slow, ds -> {
            slowStarted.countDown();
            assertThat(releaseSlow.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        }));
        try {
            assertThat(slowStarted.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

            CompletableFuture.runAsync(() -> cluster.ensureTemplateExists(fast, counting(new AtomicInteger())))
                    .get(PATIENCE_SECONDS, TimeUnit.SECONDS);

            assertThat(Sql.templateState(cluster, fast)).isEqualTo("built");
            assertThat(slowBuild).isNotDone();
            assertThat(Sql.templateState(cluster, slow)).as("still in its setup").isEqualTo("half-built");
        } finally {
            releaseSlow.countDown();
        }
        slowBuild.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(Sql.templateState(cluster, slow)).isEqualTo("built");
    }

    @Test
    void built_isMarkedAndRefusesConnections_clonesAreIndependent() {
        String name = template("ensure_marked");
        cluster.ensureTemplateExists(name, counting(new AtomicInteger()));

        assertThat(Sql.one(cluster.jdbcUrl("postgres"), "SELECT datistemplate::text || ' ' || datallowconn::text "
                + "FROM pg_database WHERE datname = 'ensure_marked'")).isEqualTo("true false");
        assertThatThrownBy(() -> DriverManager.getConnection(cluster.jdbcUrl(name)).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("is not currently accepting connections");

        try (TemporaryDatabase first = cluster.temporaryDatabaseFromTemplate("ensure_marked_1", name);
             TemporaryDatabase second = cluster.temporaryDatabaseFromTemplate("ensure_marked_2", name)) {
            Sql.execute(first.url(), "INSERT INTO marker VALUES (2)");
            assertThat(Sql.count(first.url(), "SELECT count(*) FROM marker")).isEqualTo(2);
            assertThat(Sql.count(second.url(), "SELECT count(*) FROM marker")).isEqualTo(1);
        }
        try (TemporaryDatabase third = cluster.temporaryDatabaseFromTemplate("ensure_marked_3", name)) {
            assertThat(Sql.count(third.url(), "SELECT count(*) FROM marker")).as("the template is unchanged").isEqualTo(1);
        }
    }

    @Test
    void failingSetup_leavesNoDatabase_rethrowsWithCause_andTheNextCallRunsSetupAgain() {
        String name = template("ensure_failing");
        IllegalStateException failure = new IllegalStateException("the migration broke");
        AtomicInteger failingRuns = new AtomicInteger();

        assertThatThrownBy(() -> cluster.ensureTemplateExists(name, ds -> {
            failingRuns.incrementAndGet();
            Sql.execute(cluster.jdbcUrl(name), "CREATE TABLE half (id int)");
            throw failure;
        }))
                .isInstanceOf(PgFixtureException.class)
                .hasCause(failure)
                .hasMessageContaining("\"ensure_failing\"")
                .hasMessageContaining("the migration broke");
        assertThat(cluster.databaseExists(name)).isFalse();

        AtomicInteger runs = new AtomicInteger();
        cluster.ensureTemplateExists(name, counting(runs));

        assertThat(failingRuns).hasValue(1);
        assertThat(runs).hasValue(1);
        assertThat(Sql.templateState(cluster, name)).isEqualTo("built");
    }

    @Test
    void setupThatMarksItsDatabaseATemplateAndThenFails_stillLeavesNoDatabase() {
        String name = template("ensure_marks_then_fails");
        IllegalStateException failure = new IllegalStateException("failed after marking");

        assertThatThrownBy(() -> cluster.ensureTemplateExists(name, ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE ensure_marks_then_fails IS_TEMPLATE true");
            }
            throw failure;
        })).isInstanceOf(PgFixtureException.class).hasCause(failure);

        assertThat(cluster.databaseExists(name)).isFalse();
        AtomicInteger runs = new AtomicInteger();
        cluster.ensureTemplateExists(name, counting(runs));
        assertThat(runs).hasValue(1);
    }

    @Test
    void unmarkedDatabaseOfThatName_killedBuild_isDroppedAndRebuilt() {
        String name = template("ensure_unmarked");
        cluster.createDatabase(name);
        Sql.execute(cluster.jdbcUrl(name), "CREATE TABLE stale (id int)");
        AtomicInteger runs = new AtomicInteger();

        try (LogCapture log = LogCapture.start()) {
            cluster.ensureTemplateExists(name, counting(runs));
            assertThat(log.warnings(TemplateBuilder.class)).as("a user database of that name is rebuilt, said aloud")
                    .anyMatch(line -> line.contains("\"ensure_unmarked\"") && line.contains("dropping and rebuilding"));
        }

        assertThat(runs).hasValue(1);
        assertThat(Sql.templateState(cluster, name)).isEqualTo("built");
        try (TemporaryDatabase clone = cluster.temporaryDatabaseFromTemplate("ensure_unmarked_clone", name)) {
            assertThat(Sql.one(clone.url(), "SELECT to_regclass('stale')::text")).isNull();
            assertThat(Sql.count(clone.url(), "SELECT count(*) FROM marker")).isEqualTo(1);
        }
    }

    @Test
    void databaseMarkedIsTemplateButStillAcceptingConnections_isUnmarkedDroppedAndRebuilt() {
        String name = template("ensure_marked_unfinished");
        cluster.createDatabase(name);
        Sql.execute(cluster.jdbcUrl(name), "CREATE TABLE stale (id int)");
        Sql.execute(cluster.jdbcUrl("postgres"), "ALTER DATABASE ensure_marked_unfinished IS_TEMPLATE true");
        AtomicInteger runs = new AtomicInteger();

        cluster.ensureTemplateExists(name, counting(runs));

        assertThat(runs).hasValue(1);
        assertThat(Sql.templateState(cluster, name)).isEqualTo("built");
        try (TemporaryDatabase clone = cluster.temporaryDatabaseFromTemplate("ensure_marked_unfinished_clone", name)) {
            assertThat(Sql.one(clone.url(), "SELECT to_regclass('stale')::text")).isNull();
        }
    }

    @Test
    void connectionsTheSetupLeavesOpen_areClosed_andItsDataSourceIsClosedAfterwards() throws Exception {
        String name = template("ensure_leaky");
        AtomicReference<DataSource> given = new AtomicReference<>();
        AtomicReference<Connection> fromPool = new AtomicReference<>();
        AtomicReference<Connection> own = new AtomicReference<>();

        cluster.ensureTemplateExists(name, ds -> {
            given.set(ds);
            fromPool.set(ds.getConnection());
            own.set(DriverManager.getConnection(cluster.jdbcUrl(name) + "&ApplicationName=leaky-setup"));
            try (Statement s = fromPool.get().createStatement()) {
                s.execute("CREATE TABLE marker (id int)");
            }
        });

        try {
            assertThat(Sql.templateState(cluster, name)).isEqualTo("built");
            assertThat(Sql.count(cluster.jdbcUrl("postgres"),
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = 'ensure_leaky'")).isZero();
            assertThat(fromPool.get().isValid(5)).as("the pool's connection").isFalse();
            assertThat(own.get().isValid(5)).as("the setup's own connection, terminated").isFalse();
            assertThatThrownBy(() -> given.get().getConnection().close()).as("the data source is closed")
                    .isInstanceOf(SQLException.class);
        } finally {
            own.get().close();
        }
    }

    @Test
    void templateDroppedByName_isForgotten_theNextCallRunsSetupAgain() {
        String name = template("ensure_dropped");
        AtomicInteger runs = new AtomicInteger();
        TemplateSetup setup = counting(runs);
        cluster.ensureTemplateExists(name, setup);

        cluster.forceDropDatabase(name);
        cluster.ensureTemplateExists(name, setup);

        assertThat(runs).hasValue(2);
        assertThat(Sql.templateState(cluster, name)).isEqualTo("built");

        Sql.execute(cluster.jdbcUrl("postgres"), "ALTER DATABASE ensure_dropped IS_TEMPLATE false");
        cluster.dropDatabase(name);
        cluster.ensureTemplateExists(name, setup);

        assertThat(runs).hasValue(3);
        assertThat(Sql.templateState(cluster, name)).isEqualTo("built");
    }

    @Test
    void templateBuiltByAnotherProcess_isFound_setupSkipped() {
        String name = template("ensure_built_elsewhere");
        cluster.ensureTemplateExists(name, counting(new AtomicInteger()));
        AtomicInteger runs = new AtomicInteger();

        // A builder of its own knows nothing of this JVM's builds, as another JVM's would not.
        new TemplateBuilder(cluster.server()).ensureExists(name, counting(runs)::setUp);

        assertThat(runs).hasValue(0);
    }

    /**
     * ADR 16: a setup whose last statement removes the template's relation-cache init file (ANALYZE changes
     * pg_class's own statistics) still leaves a template that has one, and a FILE_COPY clone has it before
     * anyone connects to the clone.
     */
    @Test
    void setupEndingWithAnalyze_templateHasRelationCacheInitFile_andAFileCopyCloneInheritsIt() {
        Path data = Path.of(Sql.queryOne(cluster, "postgres", "SHOW data_directory"));
        assumeTrue(Files.isDirectory(data.resolve("base")), "the server's data directory is not on this machine");
        String strategy = System.getProperty("pgfixture.clone-strategy", System.getenv("PGFIXTURE_CLONE_STRATEGY"));
        assumeTrue(strategy == null || strategy.isBlank() || strategy.trim().equalsIgnoreCase("file_copy"),
                "only FILE_COPY copies the file");
        String name = template("ensure_relcache_init");
        String clone = template("ensure_relcache_init_clone");

        cluster.ensureTemplateExists(name, ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE marker (id int)");
                s.execute("ANALYZE");
            }
        });
        cluster.createDatabaseFromTemplate(clone, name);

        assertThat(initFile(data, name)).exists();
        assertThat(initFile(data, clone)).exists();
    }

    private Path initFile(Path data, String database) {
        String oid = Sql.queryOne(cluster, "postgres", "SELECT oid FROM pg_database WHERE datname = " + Sql.literal(database));
        return data.resolve("base").resolve(oid).resolve("pg_internal.init");
    }
}
