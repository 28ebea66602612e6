package io.github.pgfixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counting what a run left: {@link SharedCluster#openTemporaryDatabases()} tells this JVM's open
 * databases from the ready clones that share their name pattern, and {@link SharedCluster#awaitDrops}
 * waits for the drops that {@code close()} leaves to the background.
 */
class OwnDatabasesTest {

    private final SharedCluster cluster = SharedCluster.get();
    private final Template template = Template.of("owndbs", "v" + System.nanoTime(), ds -> { });
    private final List<TemporaryDatabase> handedOut = new ArrayList<>();

    @AfterEach
    void dropAll() {
        handedOut.forEach(TemporaryDatabase::forceDrop);
        if (cluster.databaseExists(template.name())) {
            cluster.forceDropDatabase(template.name()); // its ready clones go with the pool it invalidates
        }
    }

    @Test
    void openTemporaryDatabases_namesTheUnclosedOnes_notTheReadyClonesNorTheKept() {
        TemporaryDatabase first = take();
        TemporaryDatabase second = take();
        TemporaryDatabase kept = take();
        kept.keep();
        cluster.awaitBackgroundWork(); // the pool has prepared its next clones
        Set<String> onServer = Sql.databases(cluster).stream().filter(n -> n.startsWith("pgfixture_db_"))
                .collect(Collectors.toSet());

        Set<String> open = cluster.openTemporaryDatabases();

        assertThat(open).contains(first.name(), second.name()).doesNotContain(kept.name());
        assertThat(cluster.readyClones(template.name())).as("ready clones exist").isPositive();
        assertThat(onServer).as("ready clones share the pattern").hasSizeGreaterThan(open.size() + 1);

        first.close();

        assertThat(cluster.openTemporaryDatabases()).doesNotContain(first.name()).contains(second.name());
    }

    @Test
    void awaitDrops_returnsOnceTheClosedDatabaseIsGone() {
        TemporaryDatabase db = take();

        db.close();

        assertThat(cluster.awaitDrops(Duration.ofSeconds(30))).isTrue();
        assertThat(cluster.databaseExists(db.name())).isFalse();
    }

    @Test
    void awaitDrops_whileTheDroppingThreadIsBusy_timesOut() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        cluster.inBackground(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(cluster.awaitDrops(Duration.ofMillis(200))).isFalse();
        } finally {
            release.countDown();
        }
        assertThat(cluster.awaitDrops(Duration.ofSeconds(30))).isTrue();
    }

    private TemporaryDatabase take() {
        TemporaryDatabase db = cluster.temporaryDatabase(template);
        handedOut.add(db);
        return db;
    }
}
