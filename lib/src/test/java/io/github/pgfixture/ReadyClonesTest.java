package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.internal.server.WatchedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ready clones behind {@link SharedCluster#temporaryDatabase(Template)}. */
class ReadyClonesTest {

    private final List<String> templates = new ArrayList<>();

    @AfterEach
    void dropTemplates() {
        SharedCluster cluster = SharedCluster.get();
        cluster.awaitBackgroundWork();
        templates.forEach(t -> {
            if (cluster.databaseExists(t)) {
                cluster.forceDropDatabase(t);
            }
        });
    }

    private Template template(String version, AtomicInteger builds) {
        Template t = Template.of("pooltest", version, ds -> {
            builds.incrementAndGet();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE marker (version text)");
                s.execute("INSERT INTO marker VALUES ('" + version + "')");
            }
        });
        templates.add(t.name());
        return t;
    }

    @Test
    void temporaryDatabase_sixteenThreads_neverHandOutOneCloneTwice() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("double-" + System.nanoTime(), new AtomicInteger());
        Set<String> names = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            futures.add(threads.submit(() -> {
                start.await();
                for (int j = 0; j < 10; j++) {
                    try (TemporaryDatabase db = cluster.temporaryDatabase(t);
                         Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                        if (!names.add(db.name())) {
                            duplicates.incrementAndGet();
                        }
                        // a clone nobody else has: our row is the only one
                        s.execute("INSERT INTO marker VALUES ('mine')");
                        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM marker WHERE version = 'mine'")) {
                            rs.next();
                            assertThat(rs.getInt(1)).isEqualTo(1);
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        threads.shutdown();
        assertThat(duplicates).hasValue(0);
        assertThat(names).hasSize(160);
    }

    @Test
    void temporaryDatabase_afterFirstUse_preparesClonesAhead() {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("ahead-" + System.nanoTime(), new AtomicInteger());
        try (TemporaryDatabase first = cluster.temporaryDatabase(t)) {
            assertThat(first.name()).startsWith("pgfixture_db_");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.readyClones(t.name()) >= 1);
    }

    @Test
    void temporaryDatabase_noneReadyButClonesInPreparation_waitsForOneInsteadOfCloningOnDemand() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("in-preparation-" + System.nanoTime(), new AtomicInteger());
        long waitsBefore = cluster.clonesWaitedFor();

        // The first request builds the template and starts its ready clones: none is ready yet, some are
        // being prepared, so it waits for one of them.
        try (TemporaryDatabase db = cluster.temporaryDatabase(t); Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM marker")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }

        assertThat(cluster.clonesWaitedFor() - waitsBefore).isEqualTo(1);
    }

    @Test
    void temporaryDatabase_whileDropsAreHeldUp_clonesAreStillPreparedAhead() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("behind-drops-" + System.nanoTime(), new AtomicInteger());
        cluster.temporaryDatabase(t).close();
        cluster.awaitBackgroundWork(); // two clones ready (a miss raised the target to 2), nothing queued
        CountDownLatch release = new CountDownLatch(1);
        cluster.inBackground(() -> { // holds up the drops, as a burst of finished tests would
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                try (TemporaryDatabase db = cluster.temporaryDatabase(t)) { // takes the 2 ready ones, then misses
                    names.add(db.name());
                } // each close queues a drop behind the held one
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.readyClones(t.name()) >= 1);
            assertThat(cluster.databaseExists(names.get(0))).as("its drop still waits").isTrue();
        } finally {
            release.countDown();
        }
        cluster.awaitBackgroundWork();
        for (String name : names) {
            assertThat(cluster.databaseExists(name)).as(name).isFalse();
        }
    }

    @Test
    void temporaryDatabase_templateRebuilt_neverServesAStaleClone() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        String version = "stale-" + System.nanoTime();
        AtomicInteger builds = new AtomicInteger();
        Template t = template(version, builds);
        cluster.temporaryDatabase(t).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.readyClones(t.name()) >= 1);

        // The template is dropped and rebuilt with other content under the same name.
        cluster.forceDropDatabase(t.name());
        cluster.ensureTemplateExists(t.name(), ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE marker (version text)");
                s.execute("INSERT INTO marker VALUES ('rebuilt')");
            }
        });
        for (int i = 0; i < 5; i++) {
            try (TemporaryDatabase db = cluster.temporaryDatabase(t); Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT version FROM marker")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("rebuilt");
            }
        }
    }

    @Test
    void close_autoNamedClone_isDroppedInTheBackgroundAndNothingIsLeft() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("drop-" + System.nanoTime(), new AtomicInteger());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try (TemporaryDatabase db = cluster.temporaryDatabase(t)) {
                names.add(db.name());
            }
        }
        cluster.awaitBackgroundWork();
        for (String name : names) {
            assertThat(cluster.databaseExists(name)).as(name).isFalse();
        }
    }

    @Test
    void close_cluster_dropsReadyClonesOnAnExternalServer() throws Exception {
        SharedCluster server = SharedCluster.get();
        String run = closeExternalClusterWithReadyClones(server, "external-", () -> { });
        assertThat(databasesStartingWith(server, run)).isEmpty();
    }

    @Test
    void temporaryDatabase_fromPool_comesWithItsConnectionPoolStartedAhead() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("prepared-" + System.nanoTime(), new AtomicInteger());
        cluster.temporaryDatabase(t).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.readyClones(t.name()) >= 1);

        try (TemporaryDatabase db = cluster.temporaryDatabase(t)) {
            // Before the test asks for anything, the clone's own pool holds its one session on it,
            // which has run its first query already (its server process's caches are set up).
            assertThat(Sql.sessionsOn(cluster, db.name())).isEqualTo(1);
            assertThat(Sql.queryOne(cluster, "postgres", "SELECT query FROM pg_stat_activity WHERE datname = "
                    + Sql.literal(db.name()))).isEqualTo("SELECT 1");
            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(db.name());
            }
            assertThat(poolsOf(db.name())).isNotEmpty();
        }
        cluster.awaitBackgroundWork();
        await().atMost(Duration.ofSeconds(10)).until(() -> poolsOfDroppedDatabases(cluster).isEmpty());
    }

    @Test
    void temporaryDatabase_templateRebuilt_closesThePoolsOfTheStaleClones() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("stalepools-" + System.nanoTime(), new AtomicInteger());
        cluster.temporaryDatabase(t).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.readyClones(t.name()) >= 1);

        cluster.forceDropDatabase(t.name()); // invalidates the ready clones, which are dropped in the background
        cluster.awaitBackgroundWork();

        assertThat(cluster.readyClones(t.name())).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> poolsOfDroppedDatabases(cluster).isEmpty());
    }

    @Test
    void close_cluster_closesTheConnectionPoolsOfReadyClones() throws Exception {
        SharedCluster server = SharedCluster.get();
        List<String> poolsWhileOpen = new ArrayList<>();
        String run = closeExternalClusterWithReadyClones(server, "externalpools-",
                () -> poolsWhileOpen.addAll(poolsOf("pgfixture_db_")));
        assertThat(poolsWhileOpen).anyMatch(n -> n.startsWith("pgfixture-" + run));
        await().atMost(Duration.ofSeconds(10)).until(() -> poolsOf(run).isEmpty());
        assertThat(databasesStartingWith(server, run)).isEmpty();
    }

    /**
     * Attaches a second cluster to {@code server} as an external one, uses a clone there, waits for a ready
     * clone, runs {@code whileReady}, closes that cluster; returns the prefix of its clones' names.
     */
    private String closeExternalClusterWithReadyClones(SharedCluster server, String version, Runnable whileReady) {
        SharedCluster external = SharedCluster.open(Settings.of(Map.of(Settings.URL, server.jdbcUrl("postgres"))));
        Template t = template(version + System.nanoTime(), new AtomicInteger());
        try {
            String run;
            try (TemporaryDatabase db = external.temporaryDatabase(t)) {
                run = db.name().substring(0, "pgfixture_db_".length() + 8);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> external.readyClones(t.name()) >= 1);
            whileReady.run();
            return run;
        } finally {
            external.close();
        }
    }

    /** The open connection pools (TemporaryDatabase names them pgfixture-<database>) of databases named so. */
    private static List<String> poolsOf(String databasePrefix) {
        return WatchedDataSource.openPoolNames().stream().filter(n -> n.startsWith("pgfixture-" + databasePrefix)).toList();
    }

    /** Open pools of clones whose database no longer exists: a pool that outlived its clone. */
    private static List<String> poolsOfDroppedDatabases(SharedCluster cluster) {
        return poolsOf("pgfixture_db_").stream()
                .filter(n -> !cluster.databaseExists(n.substring("pgfixture-".length()))).toList();
    }

    @Test
    void clonesCreated_countsEachCloneOfATemplate_butNotTheTemplateItself() {
        SharedCluster server = SharedCluster.get();
        SharedCluster own = SharedCluster.open(Settings.of(Map.of(Settings.URL, server.jdbcUrl("postgres"),
                Settings.READY_CLONES, "0")));
        Template t = template("count-" + System.nanoTime(), new AtomicInteger());
        try {
            own.ensureTemplate(t);
            assertThat(own.clonesCreated()).isZero();
            try (TemporaryDatabase first = own.temporaryDatabase(t); TemporaryDatabase second = own.temporaryDatabase(t)) {
                assertThat(own.clonesCreated()).isEqualTo(2);
            }
        } finally {
            own.close();
        }
    }

    private static List<String> databasesStartingWith(SharedCluster cluster, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
             var ps = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
