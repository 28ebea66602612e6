package io.github.pgfixture.junit5;

import io.github.pgfixture.SharedCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.github.pgfixture.junit5.Fixtures.currentDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Keep-on-failure across runs, with two JVMs of their own on an embedded server: the first runs a
 * failing test whose database is kept and exits, leaving PostgreSQL running so the database can be
 * opened; the next run's start removes that server with the kept database.
 */
class KeptDatabaseNextRunTest {

    private static final Duration CHILD_PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path work;

    private Long postmaster;

    @BeforeEach
    void embeddedOnly() {
        assumeTrue(System.getProperty("pgfixture.url") == null && System.getenv("PGFIXTURE_URL") == null,
                "an external server is never stopped by pgfixture");
    }

    /** If the test failed halfway, the server the first JVM left running is stopped here. */
    @AfterEach
    void stopLeftover() {
        if (postmaster != null && isRunning(postmaster)) {
            ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(20)).until(() -> !isRunning(postmaster));
        }
    }

    @Test
    void failedTestsDatabase_outlivesItsJvm_removedByTheNextRunsStart() throws Exception {
        String kept = runChild(FailingRun.class, "KEPT ");
        String url = kept.substring(0, kept.indexOf(' '));
        Path dataDirectory = Path.of(kept.substring(kept.indexOf(' ') + 1));
        postmaster = Long.valueOf(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());

        assertThat(isRunning(postmaster)).as("PostgreSQL outlives the first JVM").isTrue();
        assertThat(currentDatabase(url)).as("the kept database opens with its URL").startsWith("pgfixture_db_");

        runChild(NextRun.class, "BOOTED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(isRunning(postmaster)).isFalse();
            assertThat(dataDirectory.getParent()).doesNotExist();
        });
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("pgfixture-cluster-")))
                    .as("the second JVM's own server stopped with it").isEmpty();
        }
    }

    /** Alive and, where /proc tells (Linux), not a zombie (an orphaned server's parent may never reap it). */
    private static boolean isRunning(long pid) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code main} in a JVM of its own on {@link #work}; returns the rest of its line starting with {@code prefix}. */
    private String runChild(Class<?> main, String prefix) throws Exception {
        Path log = work.resolve(main.getSimpleName() + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dpgfixture.data-dir=" + work, main.getName())
                .redirectError(log.toFile()).start();
        String found = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(prefix)) {
                    found = line.substring(prefix.length());
                }
            }
        } finally {
            if (!child.waitFor(CHILD_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(child.exitValue()).as("exit status of %s; its log:%n%s", main.getSimpleName(), Files.readString(log))
                .isZero();
        assertThat(found).as("line %s of %s; its log:%n%s", prefix, main.getSimpleName(), Files.readString(log)).isNotNull();
        return found;
    }

    // ---- the two JVMs' programs, and the test the first one runs ----

    /** Runs {@link Fails} with keep-on-failure, then prints "KEPT url data-directory". */
    static final class FailingRun {
        public static void main(String[] args) throws SQLException {
            List<String> urls = new CopyOnWriteArrayList<>();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(Fails.class))
                    .configurationParameter(TempDatabase.KEEP_ON_FAILURE, "true").build(), new TestExecutionListener() {
                        @Override
                        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                            urls.add(entry.getKeyValuePairs().get(DatabaseResource.REPORT_KEY));
                        }
                    });
            try (Connection c = DriverManager.getConnection(urls.get(0)); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                System.out.println("KEPT " + urls.get(0) + " " + rs.getString(1));
            }
        }
    }

    /** Boots the cluster, which is all a next run's start does before its tests. */
    static final class NextRun {
        public static void main(String[] args) {
            SharedCluster.get();
            System.out.println("BOOTED");
        }
    }

    static class Fails {
        @Test
        void fails(@TempDatabase DataSource db) throws IOException {
            throw new IOException("fails on purpose");
        }
    }
}
