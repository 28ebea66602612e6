package io.github.pgfixture.testng;

import io.github.pgfixture.testng.fixtures.SeparateRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Keep-on-failure across runs: a run keeps its failed test's database (its embedded cluster outlives the
 * JVM for that), and the next run's start removes it. Both runs are JVMs of their own, sharing a data
 * folder of this test's.
 */
class KeptDatabaseNextRunTest {

    @TempDir
    Path dataDir;

    @Test
    void keptDatabase_reachableAfterItsRunEnded_removedByTheNextRunsStart() throws Exception {
        try {
            List<String> keep = run("keep");
            String url = keep.stream().filter(line -> line.startsWith("KEPT ")).map(line -> line.substring(5))
                    .findFirst().orElseThrow(() -> new AssertionError("no kept URL printed: " + keep));
            try (Connection connection = DriverManager.getConnection(url)) {
                assertThat(connection.isValid(5)).as("kept database reachable after its JVM exited").isTrue();
            }
            List<ProcessHandle> keptServer = postmasters();
            assertThat(keptServer).hasSize(1);

            List<String> start = run("start");

            assertThat(start).anyMatch(line -> line.startsWith("STARTED "));
            await().atMost(Duration.ofSeconds(30)).until(() -> !keptServer.get(0).isAlive());
            assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
            assertThat(clusterFolders()).as("cluster folders left in " + dataDir).isEmpty();
        } finally {
            stopLeftoverServers();
        }
    }

    /** Runs {@link SeparateRuns} in a JVM of its own; returns its output lines, failing if it failed. */
    private List<String> run(String what) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path output = Files.createTempFile(dataDir.getParent(), "separate-run-", ".log");
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, "-Dpgfixture.data-dir=" + dataDir, "-Dpgfixture.keep-on-failure=true",
                    SeparateRuns.class.getName(), what)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("separate run '" + what + "' ended").isTrue();
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit of separate run '" + what + "': " + lines).isZero();
            return lines;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The running servers of the cluster folders in {@link #dataDir}. */
    private List<ProcessHandle> postmasters() throws IOException {
        List<ProcessHandle> postmasters = new ArrayList<>();
        for (Path cluster : clusterFolders()) {
            Path pidFile = cluster.resolve("data").resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).ifPresent(postmasters::add);
            }
        }
        return postmasters;
    }

    private List<Path> clusterFolders() throws IOException {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("pgfixture-cluster-")).toList();
        }
    }

    /** If the test failed half-way, the kept cluster may still run: stop it so nothing is left behind. */
    private void stopLeftoverServers() throws IOException {
        List<ProcessHandle> postmasters = postmasters();
        postmasters.forEach(ProcessHandle::destroy);
        for (ProcessHandle postmaster : postmasters) {
            postmaster.onExit().join();
        }
    }
}
