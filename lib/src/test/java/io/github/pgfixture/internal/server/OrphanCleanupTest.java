package io.github.pgfixture.internal.server;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.github.pgfixture.internal.server.EmbeddedServerTest.clusterFolders;
import static io.github.pgfixture.internal.server.EmbeddedServerTest.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A JVM killed with SIGKILL runs no shutdown hook, so its postmaster lives on. The next boot (or
 * {@link ClusterDirectory#reapOrphans}) must stop it and delete its folder, and must never touch a
 * cluster whose JVM is still alive.
 */
class OrphanCleanupTest {

    private static final Duration CHILD_PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private final List<Process> children = new ArrayList<>();

    private Path dataParent() {
        return work.resolve("data");
    }

    @AfterEach
    void killChildrenAndTheirServers() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        ClusterDirectory.reapOrphans(dataParent());
    }

    @Test
    void reapOrphans_killedJvm_stopsItsServerAndDeletesItsFolder() throws Exception {
        Process child = startChild("wait");
        Ready ready = awaitReady(child);
        List<Long> backends = Processes.descendants(ready.postmaster);
        assertThat(backends).isNotEmpty();

        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(Processes.isRunning(ready.postmaster)).as("the killed JVM's postmaster lives on").isTrue();
        assertThat(ready.folder()).exists();

        assertThat(ClusterDirectory.reapOrphans(dataParent())).isEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(Processes.isRunning(ready.postmaster)).isFalse();
            assertThat(backends).noneMatch(Processes::isRunning);
        });
        assertThat(ready.folder()).doesNotExist();
        assertThat(clusterFolders(dataParent())).isEmpty();
    }

    @Test
    void start_afterAKilledJvm_reapsItsOrphanAndServes() throws Exception {
        Process child = startChild("wait");
        Ready ready = awaitReady(child);
        List<Long> backends = Processes.descendants(ready.postmaster);
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(Processes.isRunning(ready.postmaster)).isTrue();

        try (EmbeddedServer fresh = EmbeddedServer.start(
                EmbeddedServer.Options.from(Settings.of(Map.of(Settings.DATA_DIR, dataParent().toString()))))) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(Processes.isRunning(ready.postmaster)).isFalse();
                assertThat(backends).noneMatch(Processes::isRunning);
            });
            assertThat(ready.folder()).doesNotExist();
            assertThat(clusterFolders(dataParent())).containsExactly(fresh.directory());
            assertThat(queryOne(fresh, "SELECT 1")).isEqualTo("1");
        }
        assertThat(clusterFolders(dataParent())).isEmpty();
    }

    @Test
    void normalExit_shutdownHookStopsTheServerAndDeletesItsFolder() throws Exception {
        Process child = startChild("exit");
        Ready ready = awaitReady(child);

        assertThat(child.waitFor(CHILD_PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("child JVM returned from main; its log:\n%s", childLog()).isTrue();

        assertThat(child.exitValue()).as(childLog()).isZero();
        assertThat(Processes.isRunning(ready.postmaster)).isFalse();
        assertThat(Processes.runningWith(dataParent().toString())).isEmpty();
        assertThat(clusterFolders(dataParent())).isEmpty();
    }

    @Test
    void reapOrphans_folderOfALiveJvm_isNeverTouched() throws Exception {
        try (EmbeddedServer mine = startServer()) {
            assertThat(ClusterDirectory.reapOrphans(dataParent())).isZero();

            // A second boot into the same folder reaps too: it must leave the first server alone.
            try (EmbeddedServer second = startServer()) {
                assertThat(queryOne(second, "SELECT 1")).isEqualTo("1");
                assertThat(queryOne(mine, "SELECT 1")).isEqualTo("1");
                assertThat(clusterFolders(dataParent())).containsExactlyInAnyOrder(mine.directory(), second.directory());
            }
            assertThat(mine.directory()).exists();
            assertThat(Processes.isRunning(mine.pid())).isTrue();
        }
    }

    @Test
    void reapOrphans_folderWhoseOwnerLockNobodyHolds_isAnOrphanThoughItsPidLives() throws Exception {
        // This JVM's pid and start time, as a folder of this JVM would record them; only the lock says it is dead.
        ProcessHandle self = ProcessHandle.current();
        Path orphan = folderOwnedBy(self.pid(), self.info().startInstant().orElseThrow().toString());
        Files.writeString(orphan.resolve("owner.lock"), "");

        assertThat(ClusterDirectory.reapOrphans(dataParent())).isEqualTo(1);

        assertThat(orphan).doesNotExist();
    }

    @Test
    void reapOrphans_hereAndThenFromAnotherJvm_leaveThisJvmsClusterAlone() throws Exception {
        try (EmbeddedServer mine = startServer()) {
            // Opening and closing a channel to our own lock file would drop our lock on Linux; reaping must not.
            assertThat(ClusterDirectory.reapOrphans(dataParent())).isZero();
            assertThat(ClusterDirectory.reapOrphans(dataParent())).isZero();

            Process child = startChild("wait");
            Ready theirs = awaitReady(child);

            assertThat(queryOne(mine, "SELECT 1")).isEqualTo("1");
            assertThat(mine.directory()).exists();
            assertThat(ClusterDirectory.reapOrphans(dataParent())).as("the child JVM holds its lock").isZero();
            assertThat(theirs.folder()).exists();
            assertThat(Processes.isRunning(theirs.postmaster)).isTrue();
        }
    }

    @Test
    void reapOrphans_freshFolderWithoutOwnerFile_isKept() throws IOException {
        Path beingCreated = Files.createDirectories(dataParent().resolve(ClusterDirectory.PREFIX + "123"));

        assertThat(ClusterDirectory.reapOrphans(dataParent())).isZero();

        assertThat(beingCreated).exists();
    }

    @Test
    void reapOrphans_oldFolderWithoutOwnerFile_isDeleted() throws IOException {
        Path old = Files.createDirectories(dataParent().resolve(ClusterDirectory.PREFIX + "123"));
        Files.writeString(old.resolve("server.log"), "left over");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertThat(ClusterDirectory.reapOrphans(dataParent())).isEqualTo(1);

        assertThat(old).doesNotExist();
    }

    @Test
    void reapOrphans_ownerPidThatIsGone_deletesTheFolder() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Path orphan = folderOwnedBy(gone.pid(), "");

        assertThat(ClusterDirectory.reapOrphans(dataParent())).isEqualTo(1);

        assertThat(orphan).doesNotExist();
    }

    @Test
    void reapOrphans_ownerPidReusedByAnotherProcess_deletesTheFolder() throws Exception {
        // This JVM's pid, but a start time that is not this JVM's: the owner died and its pid was reused.
        Path orphan = folderOwnedBy(ProcessHandle.current().pid(), "2001-01-01T00:00:00Z");

        assertThat(ClusterDirectory.reapOrphans(dataParent())).isEqualTo(1);

        assertThat(orphan).doesNotExist();
    }

    @Test
    void reapOrphans_pidFileNamingAnUnrelatedProcess_deletesTheFolderButLeavesThatProcessAlone() throws Exception {
        Process bystander = new ProcessBuilder("sleep", "60").start();
        try {
            Path orphan = folderOwnedBy(bystander.pid() + 1_000_000, "");
            Files.createDirectories(orphan.resolve("data"));
            Files.writeString(orphan.resolve("data/postmaster.pid"), bystander.pid() + "\n" + orphan.resolve("data") + "\n");

            assertThat(ClusterDirectory.reapOrphans(dataParent())).isEqualTo(1);

            assertThat(orphan).doesNotExist();
            assertThat(bystander.isAlive()).isTrue();
        } finally {
            bystander.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void reapOrphans_symlinkNamedLikeAClusterFolder_isNotFollowed() throws IOException {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("precious"), "keep");
        Files.setLastModifiedTime(elsewhere, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path link = Files.createSymbolicLink(
                Files.createDirectories(dataParent()).resolve(ClusterDirectory.PREFIX + "link"), elsewhere);

        assertThat(ClusterDirectory.reapOrphans(dataParent())).isZero();

        assertThat(elsewhere.resolve("precious")).hasContent("keep");
        assertThat(link).isSymbolicLink();
    }

    private EmbeddedServer startServer() {
        return EmbeddedServer.start(EmbeddedServer.Options.from(
                Settings.of(Map.of(Settings.DATA_DIR, dataParent().toString()))));
    }

    private Path folderOwnedBy(long pid, String started) throws IOException {
        Path folder = Files.createDirectories(dataParent().resolve(ClusterDirectory.PREFIX + pid));
        Files.writeString(folder.resolve("owner.properties"), "pid=" + pid + "\nstarted=" + started + "\n");
        return folder;
    }

    private Process startChild(String mode) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + Settings.DATA_DIR + "=" + dataParent(),
                ClusterChild.class.getName(), mode)
                .redirectError(work.resolve("child.log").toFile())
                .start();
        children.add(child);
        return child;
    }

    private Ready awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    if (l.startsWith("READY ")) {
                        return l;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String ready;
        try {
            ready = line.get(CHILD_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ready = null;
        }
        if (ready == null) {
            fail("The child JVM never said READY. Its log:\n" + childLog());
        }
        String[] parts = ready.split(" ", 3);
        return new Ready(Long.parseLong(parts[1]), Path.of(parts[2]));
    }

    private String childLog() {
        try {
            return Files.readString(work.resolve("child.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private record Ready(long postmaster, Path dataDirectory) {
        Path folder() {
            return dataDirectory.getParent();
        }
    }
}
