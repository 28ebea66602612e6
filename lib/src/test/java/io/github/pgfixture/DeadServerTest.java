package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.internal.server.EmbeddedServer;
import io.github.pgfixture.internal.server.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A killed embedded postmaster is noticed at once: every later call fails within a second or so,
 * saying the server is gone, how it ended and what its log said, instead of waiting out HikariCP's
 * 30 s connection timeout each time. Each test boots its own cluster; the JVM's shared one is never
 * touched.
 */
class DeadServerTest {

    @TempDir
    Path dataParent;

    @Test
    void killedPostmaster_everyLaterCallFailsFast_withTheExitAndTheLogTail() throws Exception {
        SharedCluster cluster = SharedCluster.open(Settings.of(Map.of(Settings.DATA_DIR, dataParent.toString())));
        try {
            TemporaryDatabase db = cluster.temporaryDatabase("dead_used");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW dynamic_shared_memory_type")) {
                rs.next();
                // Segments in the data folder, not /dev/shm/PostgreSQL.*, which a postmaster killed
                // with -9 cannot remove (other builds on the machine make /dev/shm unfit to count them).
                assertThat(rs.getString(1)).isEqualTo("mmap");
            }
            EmbeddedServer server = (EmbeddedServer) cluster.server();
            long postmaster = server.pid();
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(postmaster)).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.isRunning(postmaster));
            // Past HikariCP's 500 ms in which a pool hands out an idle connection without checking it.
            Thread.sleep(600);

            Map<String, Executable> calls = new LinkedHashMap<>();
            calls.put("getConnection()", () -> db.dataSource().getConnection().close());
            calls.put("temporaryDatabase(name)", () -> cluster.temporaryDatabase("dead_new").close());
            calls.put("databaseExists", () -> cluster.databaseExists("dead_used"));
            calls.put("temporaryDatabase(Template)",
                    () -> cluster.temporaryDatabase(Template.of("dead", "1", ds -> { })).close());
            for (int round = 1; round <= 2; round++) {
                for (Map.Entry<String, Executable> call : calls.entrySet()) {
                    long start = System.nanoTime();
                    Throwable failure = catchAny(call.getValue());
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.out.println("DEAD-SERVER round " + round + " " + call.getKey() + ": " + millis + " ms");
                    assertThat(failure).as("%s, round %d", call.getKey(), round).isNotNull();
                    assertThat(millis).as("%s, round %d, ms", call.getKey(), round).isLessThan(5_000);
                    assertThat(failure.getMessage()).as("%s, round %d", call.getKey(), round)
                            .contains("is gone")
                            .contains("killed by signal 9 (SIGKILL)")
                            .contains("database system is ready to accept connections") // from server.log's tail
                            .contains("does not restart it")
                            .doesNotContain("PostgreSQL said");
                }
            }
            db.close(); // never throws, also on a dead server
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(Processes.runningWith(server.directory().toString())).isEmpty());
        } finally {
            cluster.close();
        }
    }

    private static Throwable catchAny(Executable call) {
        try {
            call.execute();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
