package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk (SQLSTATE 53100, "No space left on device") is reported with the data directory, its
 * free space and the remedies. The test mounts a small tmpfs, boots a cluster of its own on it
 * ({@code pgfixture.data-dir}), and clones a template until the file system is full. Mounting needs
 * root; elsewhere the test is skipped.
 */
class DiskFullTest {

    private static final String SIZE = "80m";

    @Test
    void clone_onAFullFileSystem_namesTheDataDirectoryItsFreeSpaceAndTheRemedies() throws Exception {
        Path mountPoint = Files.createTempDirectory("pgfixture-diskfull-");
        try {
            int mounted = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=1777", "tmpfs", mountPoint.toString());
            assumeTrue(mounted == 0, "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): exit " + mounted);
            try {
                fillAndCheck(mountPoint);
            } finally {
                assertThat(run("umount", mountPoint.toString())).as("umount " + mountPoint).isZero();
            }
        } finally {
            Files.deleteIfExists(mountPoint);
        }
    }

    private static void fillAndCheck(Path mountPoint) {
        SharedCluster own = SharedCluster.open(Settings.of(Map.of(Settings.DATA_DIR, mountPoint.toString(),
                Settings.READY_CLONES, "0")));
        try {
            assertThat(own.toString()).as("the cluster lives on the small tmpfs").contains(mountPoint.toString());
            // About 5 MB of rows, written without WAL (created in the same transaction) to fill the disk, not pg_wal.
            own.ensureTemplateExists("diskfull_template", ds -> {
                try (var c = ds.getConnection(); var s = c.createStatement()) {
                    s.execute("CREATE TABLE filler AS SELECT repeat('x', 1000) AS padding FROM generate_series(1, 4000)");
                }
            });
            PgFixtureException full = null;
            for (int i = 0; i < 40 && full == null; i++) {
                int n = i;
                full = catchThrowableOfType(() -> own.createDatabaseFromTemplate("diskfull_" + n, "diskfull_template"),
                        PgFixtureException.class);
            }

            assertThat(full).as("a clone failed before 40 fit into " + SIZE).isNotNull();
            assertThat(full.getMessage())
                    .contains("SQLSTATE 53100")
                    .contains("The server's disk is full")
                    .containsPattern("The data directory is " + mountPoint + "/pgfixture-cluster-\\d+/data, on a file "
                            + "system \\(tmpfs tmpfs\\) with [0-9.]+ MB free of [0-9]+ MB")
                    .contains("pgfixture.data-dir", "/dev/shm", "pgfixture.ready-clones", "close TemporaryDatabases")
                    .doesNotContain("See PostgreSQL's message above");
            // A template built on the full disk: its setup (or its CREATE DATABASE) fails, with the same remedies.
            Throwable build = catchThrowableOfType(() -> own.ensureTemplateExists("diskfull_second", ds -> {
                try (var c = ds.getConnection(); var s = c.createStatement()) {
                    s.execute("CREATE TABLE filler AS SELECT repeat('x', 1000) AS padding FROM generate_series(1, 8000)");
                }
            }), PgFixtureException.class);
            assertThat(build).isNotNull();
            assertThat(build.getMessage()).contains("The server's disk is full", "pgfixture.data-dir");
        } finally {
            own.close();
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        if (process.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return process.exitValue();
    }
}
