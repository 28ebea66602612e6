package io.github.pgfixture;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.internal.server.WatchedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code close()} of a clone of a {@link Template}: its connection pool refuses connections as soon as
 * {@code close()} returns; the pool's shutdown runs on the dropping thread before the drop when every
 * connection was returned, and on the caller's thread when one is still borrowed (issue 15).
 */
class CloneCloseTest {

    private final SharedCluster cluster = SharedCluster.get();
    private final Template t = TestTemplates.marker("closing", "v" + System.nanoTime());

    @AfterEach
    void dropTheTemplate() {
        cluster.awaitDrops(Duration.ofSeconds(30));
        if (cluster.databaseExists(t.name())) {
            cluster.forceDropDatabase(t.name());
        }
    }

    @Test
    void close_withEveryConnectionReturned_refusesNewConnectionsAtOnce_andDropsWithoutNamingItsOwnSessions()
            throws Exception {
        SharedCluster own = SharedCluster.open(Settings.of(Map.of(Settings.DEFERRED_DROPS, "0")));
        try (LogCapture log = LogCapture.start()) {
            TemporaryDatabase db = own.temporaryClone(t);
            DataSource ds = db.dataSource();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO marker VALUES (1)");
            }

            db.close();

            assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("has been closed");
            assertThat(ds.unwrap(HikariDataSource.class).isClosed()).isTrue();
            DroppingThread.hasRun(own);
            assertThat(own.databaseExists(db.name())).isFalse();
            assertThat(log.warnings(TemporaryDatabase.class)).as("its own pool's sessions are not others").isEmpty();
        } finally {
            own.close();
        }
    }

    @Test
    void close_withTheDropDeferred_stillEndsThePoolsSessions() throws Exception {
        String name;
        try (TemporaryDatabase db = cluster.temporaryClone(t); Connection c = db.dataSource().getConnection()) {
            name = db.name();
            c.createStatement().execute("SELECT 1");
        }
        DroppingThread.hasRun(cluster);

        assertThat(cluster.databaseExists(name)).as("deferred").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> Sql.sessionsOn(cluster, name) == 0);
    }

    @Test
    void close_withEveryConnectionReturned_leavesThePoolsShutdownToTheDroppingThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            TemporaryDatabase db = cluster.temporaryClone(t);
            try (Connection c = db.dataSource().getConnection()) {
                c.createStatement().execute("SELECT 1");
            }
            cluster.inBackground(() -> awaitQuietly(release)); // the dropping thread is busy

            db.close();

            assertThat(Sql.sessionsOn(cluster, db.name())).as("the idle pool connection, not closed on the test's thread")
                    .isEqualTo(1);
            assertThat(WatchedDataSource.openPoolNames()).contains("pgfixture-" + db.name());
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> Sql.sessionsOn(cluster, db.name()) == 0);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !WatchedDataSource.openPoolNames().contains("pgfixture-" + db.name()));
        } finally {
            release.countDown();
        }
    }

    @Test
    void close_withAConnectionStillBorrowed_endsItBeforeReturning() throws Exception {
        TemporaryDatabase db = cluster.temporaryClone(t);
        Connection borrowed = db.dataSource().getConnection();

        db.close();

        assertThat(borrowed.isValid(1)).as("ended with the pool, before close() returned").isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
