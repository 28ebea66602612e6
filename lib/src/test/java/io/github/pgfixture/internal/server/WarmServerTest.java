package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.pgfixture.internal.server.EmbeddedServerTest.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/** The warm server's checks and settings, in this JVM: what is shared with whom, and what is never trusted. */
class WarmServerTest {

    @TempDir
    Path work;

    private Path warmDir() {
        return work.resolve("warm");
    }

    private static EmbeddedServer.Options options(Map<String, String> settings) {
        return EmbeddedServer.Options.from(Settings.of(settings));
    }

    @AfterEach
    void stopWhatIsLeft() throws IOException {
        WarmKeeper.stop(warmDir(), System.out);
        assertThat(WarmKeeper.folders(warmDir())).isEmpty();
    }

    @Test
    void open_otherServerSettings_getAServerOfTheirOwn_sameSettingsShareOne() throws Exception {
        try (WarmServer fifty = WarmServer.open(options(Map.of(Settings.MAX_CONNECTIONS, "50")), Duration.ofSeconds(1), warmDir());
             WarmServer sixty = WarmServer.open(options(Map.of(Settings.MAX_CONNECTIONS, "60")), Duration.ofSeconds(1), warmDir());
             WarmServer fiftyAgain = WarmServer.open(options(Map.of(Settings.MAX_CONNECTIONS, "50")), Duration.ofSeconds(1), warmDir())) {
            assertThat(fifty.folder()).isNotEqualTo(sixty.folder());
            assertThat(fifty.pid()).isNotEqualTo(sixty.pid());
            assertThat(fiftyAgain.pid()).isEqualTo(fifty.pid());
            assertThat(queryOne(sixty, "SHOW max_connections")).isEqualTo("60");
            assertThat(queryOne(fiftyAgain, "SHOW max_connections")).isEqualTo("50");
            assertThat(Files.getPosixFilePermissions(warmDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(fifty.folder().resolve(WarmKeeper.PASSWORD)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void open_postmasterGoneAndItsPortTakenByAnotherProcess_sendsNoCredentialThere_andBootsAnother() throws Exception {
        int port;
        long firstPid;
        Path folder;
        try (WarmServer first = WarmServer.open(options(Map.of()), Duration.ofSeconds(30), warmDir())) {
            port = Integer.parseInt(WarmKeeper.descriptor(first.folder()).orElseThrow().getProperty("port"));
            firstPid = first.pid();
            folder = first.folder();
        }
        // Its keeper first (it would notice and clean up), then the postmaster: a server that died for good.
        for (long keeper : Processes.runningWith(folder.toString())) {
            ProcessHandle.of(keeper).ifPresent(ProcessHandle::destroyForcibly);
        }
        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.isRunning(firstPid));
        ServerSocket impostor = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress()), s -> true);
        AtomicInteger connections = new AtomicInteger();
        Thread listener = new Thread(() -> {
            try {
                while (true) {
                    try (Socket ignored = impostor.accept()) {
                        connections.incrementAndGet();
                    }
                }
            } catch (SocketException closed) {
                // done
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        listener.start();
        try (impostor; WarmServer second = WarmServer.open(options(Map.of()), Duration.ofSeconds(1), warmDir())) {
            assertThat(second.pid()).isNotEqualTo(firstPid);
            assertThat(queryOne(second, "SELECT 1")).isEqualTo("1");
            assertThat(second.describe()).doesNotContain(":" + port + " ");
        }
        listener.join(5_000);
        assertThat(connections).as("connections to the port the dead server had").hasValue(0);
    }

    @Test
    void open_anotherSettingsServerWhoseKeeperWasKilledAndThatNobodyUses_isRemoved() throws Exception {
        Path abandoned;
        long abandonedPid;
        try (WarmServer first = WarmServer.open(options(Map.of(Settings.MAX_CONNECTIONS, "50")), Duration.ofMinutes(5), warmDir())) {
            abandoned = first.folder();
            abandonedPid = first.pid();
        }
        for (long keeper : Processes.runningWith(abandoned.toString())) {
            ProcessHandle.of(keeper).ifPresent(ProcessHandle::destroyForcibly);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Processes.runningWith(abandoned.toString()).isEmpty());
        assertThat(Processes.isRunning(abandonedPid)).as("nobody would stop it now").isTrue();

        try (WarmServer other = WarmServer.open(options(Map.of(Settings.MAX_CONNECTIONS, "60")), Duration.ofSeconds(1), warmDir())) {
            assertThat(Processes.isRunning(abandonedPid)).isFalse();
            assertThat(abandoned).doesNotExist();
            assertThat(WarmKeeper.folders(warmDir())).containsExactly(other.folder());
        }
    }

    @Test
    void unusable_descriptorPointingAtALiveProcessThatIsNoPostgres_isRefused() throws Exception {
        Path folder = Files.createDirectories(work.resolve("server-fake"));
        Path data = Files.createDirectories(work.resolve("pgfixture-warm-fake/data"));
        long self = ProcessHandle.current().pid();
        Files.writeString(data.resolve("postmaster.pid"), self + "\n" + data + "\n0\n5432\n\n127.0.0.1\n0 0\nready\n");
        Files.writeString(folder.resolve(WarmKeeper.PASSWORD), "secret");
        Properties descriptor = new Properties();
        descriptor.putAll(Map.of("state", "ready", "pid", Long.toString(self), "port", "5432", "data", data.toString()));
        assertThat(WarmServer.unusable(descriptor, folder)).contains("is not the postgres of");
        descriptor.setProperty("pid", "999999999");
        assertThat(WarmServer.unusable(descriptor, folder)).contains("is gone");
        descriptor.setProperty("state", "booting");
        assertThat(WarmServer.unusable(descriptor, folder)).contains("did not finish");
    }

    @Test
    void open_warmDirOfAnotherUser_isRefused() throws Exception {
        assumeTrue(RunAs.isRoot(), "only root can give a folder to another user");
        Path theirs = Files.createDirectories(warmDir());
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThatThrownBy(() -> WarmServer.open(options(Map.of()), Duration.ofSeconds(1), theirs))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("belongs to nobody")
                .hasMessageContaining("never shared between OS users");
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
    }

    @Test
    void statusAndStop_runWithThisLibraryAloneOnTheClassPath() throws Exception {
        try (WarmServer server = WarmServer.open(options(Map.of()), Duration.ofMinutes(5), warmDir())) {
            String status = cli("status");
            assertThat(status).contains("127.0.0.1:" + WarmKeeper.descriptor(server.folder()).orElseThrow().getProperty("port"))
                    .contains("pid " + server.pid()).contains("in use      yes").contains("keeper running")
                    .contains("memory ").doesNotContain(Files.readString(server.folder().resolve(WarmKeeper.PASSWORD)));
            assertThat(cli("stop")).contains("in use by running JVMs; not stopped");
            assertThat(Processes.isRunning(server.pid())).isTrue();
        }
        Path folder = WarmKeeper.folders(warmDir()).get(0);
        long pid = Long.parseLong(WarmKeeper.descriptor(folder).orElseThrow().getProperty("pid"));
        assertThat(cli("status")).contains("in use      no").contains("stops 5 min after the last JVM detaches");
        assertThat(cli("stop")).contains("stopped PostgreSQL on 127.0.0.1:");
        assertThat(Processes.isRunning(pid)).isFalse();
        assertThat(folder).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> Processes.runningWith(folder.toString()).isEmpty());
        assertThat(cli("status")).contains("No warm PostgreSQL server in " + warmDir());
    }

    @Test
    void keeper_itsClassesDeletedWhileItWaits_stillStopsTheServerAndRemovesTheFolders() throws Exception {
        Path classes = work.resolve("classes");
        Path keeperClass = classes.resolve(WarmKeeper.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(keeperClass.getParent());
        Files.copy(WarmServer.codeLocation().resolve(WarmKeeper.class.getName().replace('.', '/') + ".class"), keeperClass);
        Path folder;
        long postmaster;
        Path cluster;
        try (WarmServer server = WarmServer.open(options(Map.of()), Duration.ofSeconds(2), warmDir())) {
            folder = server.folder();
            postmaster = server.pid();
            cluster = Path.of(WarmKeeper.descriptor(folder).orElseThrow().getProperty("cluster"));
            // Swap the keeper for one whose class path is a folder that then vanishes (mvn clean, a Surefire booter jar).
            for (long keeper : Processes.runningWith(folder.toString())) {
                ProcessHandle.of(keeper).ifPresent(ProcessHandle::destroyForcibly);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Processes.runningWith(folder.toString()).isEmpty());
            Process keeper = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    classes.toString(), WarmKeeper.class.getName(), "keep", folder.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("keeper.out").toFile()).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> keeperHoldsItsLock(folder));
            WarmKeeper.deleteTree(classes);
            assertThat(keeper.isAlive()).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Processes.isRunning(postmaster)).isFalse();
            assertThat(cluster).doesNotExist();
            assertThat(folder).doesNotExist();
            assertThat(Processes.runningWith(folder.toString())).as("keeper").isEmpty();
        });
        assertThat(Files.readString(work.resolve("keeper.out"))).contains("stopping the server").doesNotContain("Error");
    }

    private static boolean keeperHoldsItsLock(Path folder) throws IOException {
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(folder.resolve(WarmKeeper.KEEPER),
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock free = lock.tryLock()) {
            return free == null;
        } catch (java.nio.file.NoSuchFileException notYet) {
            return false; // the first keeper was killed before its JVM had made the file; ours makes it
        }
    }

    /** {@code java -cp <this library alone> WarmKeeper <command> --dir <warm-dir>}, as {@code java -jar} runs it. */
    private String cli(String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                WarmServer.codeLocation().toString(), WarmKeeper.class.getName(), command, "--dir", warmDir().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void keepAlive_durations() {
        assertThat(WarmServer.parseDuration("0", "test")).isZero();
        assertThat(WarmServer.parseDuration("1500ms", "test")).isEqualTo(Duration.ofMillis(1500));
        assertThat(WarmServer.parseDuration(" 30s ", "test")).isEqualTo(Duration.ofSeconds(30));
        assertThat(WarmServer.parseDuration("10m", "test")).isEqualTo(Duration.ofMinutes(10));
        assertThat(WarmServer.parseDuration("2h", "test")).isEqualTo(Duration.ofHours(2));
        assertThat(WarmServer.parseDuration("PT10M", "test")).isEqualTo(Duration.ofMinutes(10));
        for (String wrong : List.of("10", "-1s", "ten minutes", "PT-1M")) {
            assertThatThrownBy(() -> WarmServer.parseDuration(wrong, "system property pgfixture.keep-alive"))
                    .isInstanceOf(PgFixtureException.class).hasMessageContaining("pgfixture.keep-alive")
                    .hasMessageContaining("system property");
        }
    }

    @Test
    void keepAlive_defaultIsTenMinutes_butZeroOnCi() {
        assertThat(WarmServer.defaultKeepAlive(null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(WarmServer.defaultKeepAlive("false")).isEqualTo(Duration.ofMinutes(10));
        assertThat(WarmServer.defaultKeepAlive("true")).isZero();
        assertThat(WarmServer.defaultKeepAlive("1")).isZero();
        assertThat(WarmServer.keepAlive(Settings.of(Map.of(Settings.KEEP_ALIVE, "3s")))).isEqualTo(Duration.ofSeconds(3));
    }
}
