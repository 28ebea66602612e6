package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static io.github.pgfixture.internal.server.EmbeddedServerTest.clusterFolders;
import static io.github.pgfixture.internal.server.EmbeddedServerTest.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** PostgreSQL refuses to run as root; as root, pgfixture runs it in a user namespace or as another user. */
class RunAsTest {

    private static final long NOBODY_UID = 65534;

    @TempDir
    Path dataParent;

    @BeforeEach
    void onlyAsRoot() {
        assumeTrue(RunAs.isRoot(), "only root needs another way to run PostgreSQL");
        assumeTrue(Processes.PROC, "user namespaces and setpriv are Linux's, and so is /proc, which tells the uids");
    }

    private EmbeddedServer start(String runAs) {
        return EmbeddedServer.start(EmbeddedServer.Options.from(Settings.of(Map.of(
                Settings.DATA_DIR, dataParent.toString(), Settings.RUN_AS, runAs))));
    }

    @Test
    void runAsNobody_bootsWithSetprivAndThePostmasterRunsAsNobody() throws Exception {
        // @TempDir is 0700: the unprivileged user must be able to reach the cluster folder inside it.
        Files.setPosixFilePermissions(dataParent, PosixFilePermissions.fromString("rwxr-xr-x"));
        EmbeddedServer server = start("nobody");
        Path folder = server.directory();
        long postmaster = server.pid();
        try {
            assertThat(queryOne(server, "SELECT current_user")).isEqualTo("postgres");
            assertThat(Processes.uid(postmaster)).isEqualTo(NOBODY_UID);
            assertThat(Processes.uidsOfLiving(Processes.descendants(postmaster)))
                    .isNotEmpty().containsOnly(NOBODY_UID);
            assertThat(Files.getOwner(server.directory().resolve("data")).getName()).isEqualTo("nobody");
        } finally {
            server.close();
        }
        assertThat(Processes.isRunning(postmaster)).isFalse();
        assertThat(folder).doesNotExist();
        assertThat(clusterFolders(dataParent)).isEmpty();
    }

    @Test
    void runAsUnshare_bootsInANewUserNamespace() throws Exception {
        assumeTrue(unshareWorks(), "unshare -U works here");
        EmbeddedServer server = start("unshare");
        Path folder = server.directory();
        long postmaster = server.pid();
        try {
            assertThat(queryOne(server, "SELECT 1")).isEqualTo("1");
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + postmaster + "/ns/user")))
                    .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/user")));
        } finally {
            server.close();
        }
        assertThat(Processes.isRunning(postmaster)).isFalse();
        assertThat(folder).doesNotExist();
        assertThat(clusterFolders(dataParent)).isEmpty();
    }

    private static boolean unshareWorks() throws InterruptedException {
        try {
            return new ProcessBuilder("unshare", "-U", "true").start().waitFor() == 0;
        } catch (java.io.IOException missing) {
            return false;
        }
    }

    @Test
    void runAsUnknownUser_failsNamingTheUserAndTheRemedy() {
        assertThatThrownBy(() -> start("no-such-user-4711").close())
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("'no-such-user-4711'")
                .hasMessageContaining("pgfixture.run-as")
                .hasMessageContaining("Name an existing unprivileged user");

        assertThat(clusterFolders(dataParent)).isEmpty();
    }
}
