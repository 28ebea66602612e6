package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed clones on an embedded cluster whose DROP waits ({@code pgfixture.deferred-drops}). */
class DeferredDropsTest {

    private static Template template(String version) {
        return Template.of("deferred", version, ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE marker (id int)");
            }
        });
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
}
