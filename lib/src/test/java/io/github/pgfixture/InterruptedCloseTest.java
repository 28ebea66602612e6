package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cleanup on a thread whose interrupt flag is set (JUnit's timeouts and
 * {@code ExecutorService.shutdownNow} set it): everything is still dropped, and the flag is set again
 * afterwards, for the caller to act on.
 */
class InterruptedCloseTest {

    private final SharedCluster cluster = SharedCluster.get();
    private final List<String> templates = new ArrayList<>();

    @AfterEach
    void clearTheFlagAndDropTemplates() {
        Thread.interrupted();
        Sql.dropAll(templates);
    }

    private Template template(String version) {
        Template t = Template.of("interrupt", version + "-" + System.nanoTime(), ds -> { });
        templates.add(t.name());
        return t;
    }

    @Test
    void close_onAnInterruptedThread_dropsEveryDatabase_namedAndCloned_andKeepsTheFlag() throws Exception {
        Template t = template("close");
        List<TemporaryDatabase> databases = new ArrayList<>();
        String prefix = "interrupted_" + System.nanoTime() + "_";
        for (int i = 0; i < 24; i++) {
            databases.add(cluster.temporaryDatabase(prefix + i));
            databases.add(cluster.temporaryDatabase(t));
        }
        for (TemporaryDatabase db : databases) {
            try (var c = db.dataSource().getConnection()) { // every pool started, as a test's would be
                assertThat(c.isValid(1)).isTrue();
            }
        }
        List<String> names = databases.stream().map(TemporaryDatabase::name).toList();

        List<Boolean> flagAfterEachClose = new ArrayList<>();
        String log;
        // Parallel tests keep the cluster's admin connections busy, so a close may have to wait for one.
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService otherTests = Executors.newFixedThreadPool(6);
        try (LogCapture capture = LogCapture.start()) {
            for (int i = 0; i < 6; i++) {
                otherTests.submit(() -> {
                    while (!stop.get()) {
                        cluster.databaseExists(prefix + "other");
                    }
                    return null;
                });
            }
            Thread.currentThread().interrupt();
            for (TemporaryDatabase db : databases) {
                db.close();
                flagAfterEachClose.add(Thread.currentThread().isInterrupted());
            }
            assertThat(Thread.interrupted()).as("the flag is still set after the closes").isTrue();
            stop.set(true);
            otherTests.shutdown();
            assertThat(otherTests.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            cluster.awaitBackgroundWork();
            log = capture.text();
        } finally {
            stop.set(true);
            otherTests.shutdownNow();
        }

        List<String> left = names.stream().filter(Sql.databases(cluster)::contains).toList();
        assertThat(left).as("left of %s databases", names.size()).isEmpty();
        assertThat(flagAfterEachClose).containsOnly(true);
        assertThat(log).doesNotContain("Could not drop").doesNotContain("Interrupted during").doesNotContain("PostgreSQL said");
    }

    @Test
    void drop_andForceDrop_onAnInterruptedThread_drop_andKeepTheFlag() {
        String prefix = "interrupted_drop_" + System.nanoTime();
        TemporaryDatabase dropped = cluster.temporaryDatabase(prefix + "_a");
        TemporaryDatabase forced = cluster.temporaryDatabase(prefix + "_b");

        Thread.currentThread().interrupt();
        dropped.drop();
        forced.forceDrop();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(cluster.databaseExists(prefix + "_a")).isFalse();
        assertThat(cluster.databaseExists(prefix + "_b")).isFalse();
    }

    /**
     * An external cluster's close drops what it left on the server, here on an interrupted thread: an open
     * named database, the ready clones, and a clone whose drop was still queued.
     */
    @Test
    void closeCluster_onAnInterruptedThread_dropsOpenDatabasesAndReadyClones_andKeepsTheFlag() throws Exception {
        SharedCluster external = SharedCluster.open(Settings.of(Map.of(Settings.URL, cluster.jdbcUrl("postgres"))));
        Template t = template("pool");
        String run;
        String named = "interrupted_open_" + System.nanoTime();
        try {
            try (TemporaryDatabase db = external.temporaryDatabase(t)) {
                run = db.name().substring(0, "pgfixture_db_".length() + 8);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> external.readyClones(t.name()) >= 1);
            external.temporaryDatabase(named).dataSource();
            external.temporaryDatabase(t).close(); // its drop queued on the dropping thread

            Thread.currentThread().interrupt();
        } finally {
            external.close();
        }

        assertThat(Thread.interrupted()).as("the flag is still set after close").isTrue();
        assertThat(Sql.databases(cluster)).noneMatch(name -> name.startsWith(run)).doesNotContain(named);
    }
}
