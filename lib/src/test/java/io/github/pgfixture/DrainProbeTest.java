package io.github.pgfixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a regular test: a timing program, run by hand, for the drain of deferred drops (issue 15). Each
 * round closes {@code pgfixture.probe.clones} (default 100) clones of a 50-table template one after the
 * other, so that their DROPs wait, then times {@link SharedCluster#awaitDrops} and counts the checkpoints
 * requested meanwhile ({@code pg_stat_checkpointer.num_requested}; PostgreSQL 17 and later). Asserts
 * nothing about time; figures in ADR 16.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl lib test -Dtest=DrainProbeTest -Dpgfixture.probe=true | grep PROBE
 * </pre>
 */
@EnabledIfSystemProperty(named = "pgfixture.probe", matches = "true")
class DrainProbeTest {

    @Test
    void drain() throws Exception {
        int clones = Integer.getInteger("pgfixture.probe.clones", 100);
        int rounds = Integer.getInteger("pgfixture.probe.rounds", 3);
        SharedCluster cluster = SharedCluster.get();
        Template t = TestTemplates.fiftyTables("drainprobe");
        cluster.temporaryDatabase(t).close();
        cluster.awaitDrops(Duration.ofSeconds(60));
        try (Connection admin = DriverManager.getConnection(cluster.jdbcUrl("postgres"))) {
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < clones; i++) {
                    cluster.temporaryDatabase(t).close();
                }
                CountDownLatch queued = new CountDownLatch(1);
                cluster.inBackground(queued::countDown);
                queued.await(60, TimeUnit.SECONDS);
                int waiting = cluster.deferredDrops();
                long checkpoints = requestedCheckpoints(admin);
                long start = System.nanoTime();
                boolean done = cluster.awaitDrops(Duration.ofSeconds(120));
                long ms = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("PROBE drain round=%d closed=%d waiting=%d ms=%d checkpoints=%d done=%s left=%d%n",
                        round, clones, waiting, ms, requestedCheckpoints(admin) - checkpoints, done, cluster.deferredDrops());
            }
        }
        cluster.forceDropDatabase(t.name());
    }

    private static long requestedCheckpoints(Connection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT num_requested FROM pg_stat_checkpointer")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
