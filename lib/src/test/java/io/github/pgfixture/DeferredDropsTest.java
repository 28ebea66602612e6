package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed clones on an embedded cluster whose DROP waits ({@code pgfixture.deferred-drops}). */
class DeferredDropsTest {

    private static Template template(String version) {
        return TestTemplates.marker("deferred", version);
    }

    @Test
    void close_onAnEmbeddedCluster_defersTheDrop_andAwaitDropsDropsIt() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("wait-" + System.nanoTime());
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                try (TemporaryDatabase db = cluster.temporaryClone(t)) {
                    names.add(db.name());
                }
            }
            DroppingThread.hasRun(cluster);
            for (String name : names) {
                assertThat(cluster.databaseExists(name)).as("%s, closed, its DROP deferred", name).isTrue();
            }
            assertThat(cluster.deferredDrops()).isGreaterThanOrEqualTo(3);

            assertThat(cluster.awaitDrops(Duration.ofSeconds(30))).isTrue();

            for (String name : names) {
                assertThat(cluster.databaseExists(name)).as(name).isFalse();
            }
            assertThat(cluster.deferredDrops()).isZero();
        } finally {
            cluster.awaitBackgroundWork();
            cluster.forceDropDatabase(t.name());
        }
    }

    @Test
    void close_thenNoCloneClosedForASecond_dropsWhatWaits() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("idle-" + System.nanoTime());
        try {
            String name = closedClone(cluster, t);

            // no awaitDrops: the pause after the last close is enough
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.databaseExists(name));
        } finally {
            cluster.awaitBackgroundWork();
            cluster.forceDropDatabase(t.name());
        }
    }

    @Test
    void close_whileAnotherSessionIsConnected_dropsAtOnce_insteadOfDeferring() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = template("other-" + System.nanoTime());
        try {
            String name;
            try (TemporaryDatabase db = cluster.temporaryClone(t); Connection other = DriverManager.getConnection(db.url())) {
                name = db.name();
                db.close(); // WARNs about `other`, then force-drops it on the dropping thread
                DroppingThread.hasRun(cluster);
                assertThat(cluster.databaseExists(name)).isFalse();
            }
        } finally {
            cluster.awaitBackgroundWork();
            cluster.forceDropDatabase(t.name());
        }
    }

    @Test
    void close_withDeferredDropsZero_dropsRightAfterClose() throws Exception {
        SharedCluster own = SharedCluster.open(Settings.of(Map.of(Settings.DEFERRED_DROPS, "0")));
        try {
            String name = closedClone(own, template("zero-" + System.nanoTime()));
            assertThat(own.databaseExists(name)).isFalse();
            assertThat(own.deferredDrops()).isZero();
        } finally {
            own.close();
        }
    }

    @Test
    void keep_whileDropsAreDeferred_dropsThemBecauseTheServerNowOutlivesTheJvm() throws Exception {
        SharedCluster own = SharedCluster.open(Settings.of(Map.of()));
        try {
            Template t = template("keep-" + System.nanoTime());
            String closed = closedClone(own, t);
            assertThat(own.databaseExists(closed)).as("deferred").isTrue();

            TemporaryDatabase kept = own.temporaryClone(t);
            kept.keep();
            DroppingThread.hasRun(own);

            assertThat(own.databaseExists(closed)).as("dropped once the server is to outlive the JVM").isFalse();
            kept.drop(); // the server stops with the JVM again
        } finally {
            own.close();
        }
    }

    /** The name of a clone of {@code t}, closed, once the dropping thread has dropped or deferred it. */
    private static String closedClone(SharedCluster cluster, Template t) throws InterruptedException {
        String name;
        try (TemporaryDatabase db = cluster.temporaryClone(t)) {
            name = db.name();
        }
        DroppingThread.hasRun(cluster);
        return name;
    }

    @Test
    void awaitDrops_withManyDeferred_leavesNoneOfThemInPgDatabase() throws Exception {
        SharedCluster own = SharedCluster.open(Settings.of(Map.of()));
        try {
            Template t = template("many-" + System.nanoTime());
            List<String> names = closedClones(own, t, 40);
            assertThat(own.deferredDrops()).isEqualTo(40);

            assertThat(own.awaitDrops(Duration.ofSeconds(120))).isTrue();

            assertThat(existing(own, names)).isEmpty();
            assertThat(own.deferredDrops()).isZero();
        } finally {
            own.close();
        }
    }

    /**
     * The drain runs on several sessions: while one deferred DROP waits for a lock another session holds on
     * its database, the other deferred clones are dropped meanwhile; one drop after the other, they would all
     * wait behind it. {@code awaitDrops} returns only once the held one is dropped too.
     */
    @Test
    void awaitDrops_whileOneDropIsHeldUp_dropsTheOthersMeanwhile_andReturnsOnlyAfterItToo() throws Exception {
        SharedCluster own = SharedCluster.open(Settings.of(Map.of()));
        try {
            List<String> names = closedClones(own, template("held-" + System.nanoTime()), 6);
            String held = names.get(0); // the oldest: taken first
            try (Connection blocker = DriverManager.getConnection(own.jdbcUrl("postgres"))) {
                holdLockOn(blocker, held);
                CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> own.awaitDrops(Duration.ofSeconds(120)));

                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> existing(own, names).equals(List.of(held)));
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> dropWaitingFor(blocker, held) != null);
                assertThat(drained).as("one deferred drop still runs").isNotDone();

                blocker.rollback();
                assertThat(drained.get(120, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(existing(own, names)).isEmpty();
            assertThat(own.deferredDrops()).isZero();
        } finally {
            own.close();
        }
    }

    @Test
    void awaitDrops_whenOneDropFails_warnsNamingIt_andDropsAllTheOthers() throws Exception {
        SharedCluster own = SharedCluster.open(Settings.of(Map.of()));
        try {
            List<String> names = closedClones(own, template("fails-" + System.nanoTime()), 6);
            String failing = names.get(0);
            try (LogCapture log = LogCapture.start();
                 Connection blocker = DriverManager.getConnection(own.jdbcUrl("postgres"))) {
                holdLockOn(blocker, failing);
                CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> own.awaitDrops(Duration.ofSeconds(120)));
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> dropWaitingFor(blocker, failing) != null);

                try (Statement s = blocker.createStatement()) { // the DROP's session ends: that drop fails
                    s.execute("SELECT pg_terminate_backend(" + dropWaitingFor(blocker, failing) + ")");
                }

                assertThat(drained.get(120, TimeUnit.SECONDS)).isTrue();
                assertThat(log.warnings(TemporaryDatabase.class))
                        .anySatisfy(line -> assertThat(line).contains("Could not drop database \"" + failing + "\""));
                blocker.rollback();
            }
            assertThat(existing(own, names)).containsExactly(failing);
            assertThat(own.deferredDrops()).as("nothing stays queued").isZero();
            own.forceDropDatabase(failing);
        } finally {
            own.close();
        }
    }

    /** In an open transaction on {@code c}: a lock on database {@code name} that its DROP waits for. */
    private static void holdLockOn(Connection c, String name) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("COMMENT ON DATABASE \"" + name + "\" IS 'held by a test'");
        }
    }

    /** The pid of the session whose DROP of {@code name} waits for a lock, or null. */
    private static Integer dropWaitingFor(Connection blocker, String name) throws Exception {
        try (PreparedStatement ps = blocker.prepareStatement("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query LIKE 'DROP DATABASE%' AND query LIKE '%' || ? || '%'")) {
            ps.setString(1, '"' + name + '"');
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /** The names of {@code count} clones of {@code t}, closed one after the other, their DROPs deferred. */
    private static List<String> closedClones(SharedCluster cluster, Template t, int count) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (TemporaryDatabase db = cluster.temporaryClone(t)) {
                names.add(db.name());
            }
        }
        DroppingThread.hasRun(cluster);
        return names;
    }

    /** Those of {@code names} that {@code pg_database} lists, in the order given. */
    private static List<String> existing(SharedCluster cluster, List<String> names) {
        return names.stream().filter(cluster::databaseExists).toList();
    }
}
