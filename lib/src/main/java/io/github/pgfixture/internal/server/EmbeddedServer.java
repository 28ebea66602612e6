package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster this JVM boots from zonky's binaries, tuned for tests, and removes again.
 *
 * <p>Boot: reap orphans of killed runs, unpack the binaries (once per machine), copy an initialised
 * data directory (made by {@code initdb} once per machine, {@link InitializedData}), start {@code postgres} as a child of this JVM on a free loopback
 * port, wait until its {@code postmaster.pid} says ready. Stop (also from a shutdown hook): immediate
 * shutdown, then the cluster's folder is deleted.
 */
public final class EmbeddedServer implements Server {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final String SUPERUSER = InitializedData.SUPERUSER;
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterDirectory directory;
    private final Path binaries;
    private final RunAs runAs;
    private final Process process;
    private final int port;
    private final String password;
    private final Thread shutdownHook;
    private volatile String version;
    private volatile boolean keepRunning;
    private volatile boolean closed;
    private volatile String goneNotice;

    private EmbeddedServer(ClusterDirectory directory, Path binaries, RunAs runAs, Process process, int port, String password) {
        this.directory = directory;
        this.binaries = binaries;
        this.runAs = runAs;
        this.process = process;
        this.port = port;
        this.password = password;
        this.shutdownHook = new Thread(this::stopUnlessKept, "pgfixture-shutdown-" + port);
    }

    /**
     * Leaves the server running when the JVM exits, so kept databases can be inspected; the next
     * start's orphan reaping stops and removes it. Returns true the first time.
     */
    public synchronized boolean keepRunningAfterExit() {
        boolean first = !keepRunning;
        keepRunning = true;
        return first;
    }

    /** Undoes {@link #keepRunningAfterExit()}: no database is kept any more, so the server stops with the JVM. */
    public synchronized void stopAtExit() {
        keepRunning = false;
    }

    public boolean isKeptRunning() {
        return keepRunning;
    }

    private void stopUnlessKept() {
        if (keepRunning) {
            LOG.warn("Left PostgreSQL running at 127.0.0.1:{} (pid {}, data in {}) because databases were kept for "
                    + "inspection; the next run's start stops it and removes its folder", port, process.pid(), directory.root);
            return;
        }
        stop();
    }

    /** Immutable boot options, read from {@link Settings}. */
    /**
     * @param viaPgCtl start the postmaster through {@code pg_ctl start} rather than directly: on
     *                 Windows, where PostgreSQL refuses an administrator's token and pg_ctl drops it
     */
    public record Options(Path dataParent, Path binariesDir, String runAs, int maxConnections,
                          Map<String, String> serverConfig, boolean viaPgCtl) {

        public static Options from(Settings settings) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path dataParent = settings.get(Settings.DATA_DIR).map(Path::of).orElseGet(() -> defaultDataParent(tmp));
            Path binaries = settings.get(Settings.BINARIES_DIR).map(Path::of).orElse(tmp.resolve("pgfixture-binaries"));
            int maxConnections = settings.getInt(Settings.MAX_CONNECTIONS, 300, 10, 10_000);
            Map<String, String> extra = parseConfig(settings.get(Settings.SERVER_CONFIG).orElse(""),
                    settings.sourceOf(Settings.SERVER_CONFIG));
            return new Options(dataParent, binaries, settings.get(Settings.RUN_AS, "auto"), maxConnections, extra,
                    Platform.current().os().equals("windows"));
        }

        /** The same, started through {@code pg_ctl start} or not. */
        Options withViaPgCtl(boolean viaPgCtl) {
            return new Options(dataParent, binariesDir, runAs, maxConnections, serverConfig, viaPgCtl);
        }

        /** /dev/shm when it has room ({@link DataPlacement}), else the temp dir. */
        static Path defaultDataParent(Path tmp) {
            return DataPlacement.defaultParent(tmp);
        }

        private static Map<String, String> parseConfig(String raw, String source) {
            Map<String, String> config = new LinkedHashMap<>();
            for (String pair : raw.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new PgFixtureException("Setting " + Settings.SERVER_CONFIG + " (from " + source + ") has '"
                            + pair.trim() + "', not name=value. Write it as name=value,name=value.");
                }
                config.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return config;
        }
    }

    public static EmbeddedServer start(Options options) {
        return start(options, null);
    }

    /**
     * @param warmFolder null for a server of this JVM's own; else the server outlives the JVM, shared
     *                   through that folder ({@link WarmServer}): its cluster folder is named
     *                   {@link WarmKeeper#CLUSTER_PREFIX}{@code *} (orphan reaping leaves it to the
     *                   keeper), no shutdown hook stops it, and it runs in a session of its own where
     *                   {@code setsid} exists, so a Ctrl-C of the build does not reach it. Its cluster
     *                   folder is recorded as booting before the server starts.
     */
    static EmbeddedServer start(Options options, Path warmFolder) {
        long start = System.nanoTime();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (Path parent : new java.util.LinkedHashSet<>(List.of(options.dataParent(), DataPlacement.SHM, tmp))) {
            ClusterDirectory.reapOrphans(parent);
        }
        RunAs runAs = RunAs.choose(options.runAs());
        Path binaries = Binaries.prepare(options.binariesDir());
        long unpacked = System.nanoTime();

        ClusterDirectory directory;
        try {
            directory = warmFolder == null ? ClusterDirectory.create(options.dataParent())
                    : ClusterDirectory.createShared(options.dataParent());
            if (warmFolder != null) {
                WarmServer.describeBooting(warmFolder, directory.root);
            }
        } catch (IOException e) {
            throw new PgFixtureException("Cannot create the cluster folder under " + options.dataParent() + ": " + e
                    + ". Make it writable, or choose another folder with the setting " + Settings.DATA_DIR + ".", e);
        }
        try {
            runAs.handOver(directory.root);
            String password = InitializedData.into(directory, runAs, binaries);
            long initialized = System.nanoTime();
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Process process = launch(runAs, binaries, directory, port, options, warmFolder != null);
                if (awaitReady(process, directory, port)) {
                    EmbeddedServer server = new EmbeddedServer(directory, binaries, runAs, process, port, password);
                    if (warmFolder == null) {
                        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                        process.onExit().thenRun(server::noteUnexpectedExit);
                    }
                    String clones = server.inspect(options);
                    long ready = System.nanoTime();
                    LOG.info("Booted PostgreSQL {} in {} ms (binaries {} ms, data directory {} ms, start {} ms) on 127.0.0.1:{}, "
                                    + "data in {}{}, running {}, {}", server.version(), millis(ready - start),
                            millis(unpacked - start), millis(initialized - unpacked), millis(ready - initialized),
                            port, directory.data(), DataPlacement.describe(options.dataParent()), runAs, clones);
                    return server;
                }
                if (attempt >= PORT_ATTEMPTS || !logTail(directory).contains("could not bind")) {
                    throw new PgFixtureException("PostgreSQL did not start (exit code " + process.exitValue() + ", data in "
                            + directory.data() + "). Its log ends with:\n" + logTail(directory)
                            + "\nIf the cause is not clear from that, report it with this log.");
                }
                LOG.debug("Port {} was taken between choosing and binding it; trying another", port);
            }
        } catch (RuntimeException | IOException e) {
            directory.stopServer(Duration.ofSeconds(5));
            directory.delete();
            if (e instanceof PgFixtureException p) {
                throw p;
            }
            throw new PgFixtureException("Cannot boot the embedded PostgreSQL in " + directory.root + ": " + e, e);
        }
    }

    private static Process launch(RunAs runAs, Path binaries, ClusterDirectory directory, int port, Options options,
                                  boolean detached) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listen_addresses", "127.0.0.1");
        config.put("unix_socket_directories", "");
        config.put("max_connections", Integer.toString(options.maxConnections()));
        config.put("fsync", "off");
        config.put("synchronous_commit", "off");
        config.put("full_page_writes", "off");
        config.put("wal_level", "minimal");
        config.put("max_wal_senders", "0");
        config.put("autovacuum", "off");
        config.put("jit", "off");
        config.put("log_checkpoints", "off");
        // Dynamic shared memory in files under the data directory (pg_dynshmem) instead of
        // /dev/shm/PostgreSQL.*: a postmaster killed with -9 cannot remove its segments, and these go
        // with the cluster's folder, which the next start's orphan reaping deletes.
        config.put("dynamic_shared_memory_type", "mmap");
        config.putAll(options.serverConfig());
        if (options.viaPgCtl()) {
            return launchWithPgCtl(runAs, binaries, directory, port, config);
        }
        List<String> command = new ArrayList<>(List.of(Platform.current().program(binaries, "postgres").toString(),
                "-D", directory.data().toString(), "-p", Integer.toString(port)));
        config.forEach((k, v) -> {
            command.add("-c");
            command.add(k + "=" + v);
        });
        List<String> full = runAs.command(command);
        ProcessBuilder builder = new ProcessBuilder(detached ? Detached.command(full) : full);
        if (detached) {
            Detached.noInput(builder);
        }
        return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(directory.log().toFile())).start();
    }

    /**
     * {@code pg_ctl start -w}: on Windows it drops an administrator's privileges, which postgres
     * itself refuses to run with. Returns the postmaster it started, adopted through the pid in
     * postmaster.pid; when pg_ctl fails, pg_ctl's own ended process, so the caller reads the log.
     */
    private static Process launchWithPgCtl(RunAs runAs, Path binaries, ClusterDirectory directory, int port,
                                           Map<String, String> config) throws IOException {
        boolean windows = Platform.current().os().equals("windows");
        StringBuilder postgresOptions = new StringBuilder("-p ").append(port);
        config.forEach((k, v) -> postgresOptions.append(" -c ").append(quoteForShell(k + "=" + v, windows)));
        List<String> command = List.of(Platform.current().program(binaries, "pg_ctl").toString(), "start", "-w",
                "-t", Long.toString(READY_TIMEOUT.toSeconds()), "-s", "-D", directory.data().toString(),
                "-l", directory.log().toString(), "-o", postgresOptions.toString());
        Process pgCtl = new ProcessBuilder(runAs.command(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.log().toFile())).start();
        try {
            if (!pgCtl.waitFor(READY_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                pgCtl.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pgCtl.destroyForcibly();
            throw new PgFixtureException("Interrupted while pg_ctl started PostgreSQL in " + directory.data(), e);
        }
        if (pgCtl.isAlive() || pgCtl.exitValue() != 0) {
            return pgCtl;
        }
        long pid = Long.parseLong(Files.readAllLines(directory.data().resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).<Process>map(AdoptedProcess::new).orElse(pgCtl);
    }

    /** One argument inside pg_ctl's -o string: pg_ctl hands it to /bin/sh, or to CreateProcess on Windows. */
    static String quoteForShell(String argument, boolean windows) {
        return windows ? '"' + argument.replace("\"", "\\\"") + '"' : "'" + argument.replace("'", "'\\''") + "'";
    }

    /** Polls postmaster.pid until its status line says "ready"; false when the process died first. */
    private static boolean awaitReady(Process process, ClusterDirectory directory, int port) {
        Path pidFile = directory.data().resolve("postmaster.pid");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() >= 8 && lines.get(3).trim().equals(Integer.toString(port))
                        && lines.get(7).trim().equals("ready")) {
                    return true;
                }
            } catch (IOException | RuntimeException notYet) {
                // not written yet, or half-written
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new PgFixtureException("Interrupted while waiting for PostgreSQL to start in " + directory.data(), e);
            }
        }
        process.destroyForcibly();
        throw new PgFixtureException("PostgreSQL did not become ready within " + READY_TIMEOUT.toSeconds() + " s in "
                + directory.data() + ". Its log ends with:\n" + logTail(directory));
    }

    private static String logTail(ClusterDirectory directory) {
        try {
            List<String> lines = Files.readAllLines(directory.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * One session after boot: reads the server's version and chooses how clones copy files
     * ({@link CloneMethod}); returns the latter for the boot line.
     */
    private String inspect(Options options) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(maintenanceDatabase()));
             Statement s = c.createStatement()) {
            int versionNum;
            try (ResultSet rs = s.executeQuery(
                    "SELECT current_setting('server_version'), current_setting('server_version_num')::int")) {
                rs.next();
                version = rs.getString(1);
                versionNum = rs.getInt(2);
            }
            return CloneMethod.choose(c, versionNum, directory.data(), options.serverConfig());
        } catch (SQLException e) {
            LOG.debug("Could not inspect the server (version, file_copy_method kept): {}", e.toString());
            return "clones by copying files";
        }
    }

    /**
     * The postmaster ended and nobody stopped it (killed, crashed, out of memory): from now on every
     * connection request fails at once with this notice. The server is not booted again
     * (docs/adr/0009-dead-server.md).
     */
    private void noteUnexpectedExit() {
        if (closed) {
            return;
        }
        int status = process.exitValue();
        String notice = "The embedded PostgreSQL at 127.0.0.1:" + port + " (data in " + directory.data() + ") is gone: "
                + "its postmaster (pid " + process.pid() + ") " + describeExit(status) + ". Its log ends with:\n"
                + logTail(directory) + "\npgfixture does not restart it: the databases of this run went with it, so "
                + "every later call fails at once with this message. Find the cause in the log above (the machine "
                + "out of memory, a script or a test that kills postgres processes, a full disk), then run the tests "
                + "again.";
        goneNotice = notice;
        LOG.error(notice);
    }

    /** Java reports a Unix process ended by signal N as exit status 128 + N. */
    static String describeExit(int status) {
        if (status == AdoptedProcess.UNKNOWN_EXIT) {
            return "ended (pg_ctl started it, so its exit status is not known here)";
        }
        if (status > 128 && status < 160) {
            int signal = status - 128;
            String name = switch (signal) {
                case 1 -> "SIGHUP";
                case 2 -> "SIGINT";
                case 3 -> "SIGQUIT";
                case 6 -> "SIGABRT";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "";
            };
            return "was killed by signal " + signal + (name.isEmpty() ? "" : " (" + name + ")")
                    + (signal == 9 ? ", as the kernel's out-of-memory killer and kill -9 do" : "");
        }
        return "exited with status " + status;
    }

    @Override
    public String goneNotice() {
        return goneNotice;
    }

    /** PostgreSQL's version: as the server reports it, else the major from the data directory. */
    String version() {
        if (version != null) {
            return version;
        }
        try {
            return Files.readString(directory.data().resolve("PG_VERSION")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return JdbcUrls.of("127.0.0.1:" + port, database, "user=" + SUPERUSER + "&password=" + password);
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL " + version() + " at 127.0.0.1:" + port + " (data in " + directory.data() + ")";
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    Path data() {
        return directory.data();
    }

    /** The folder holding this cluster's data directory, log and owner file. */
    public Path directory() {
        return directory.root;
    }

    /** Process id of the postmaster. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.nanoTime();
        List<ProcessHandle> children = process.descendants().toList();
        try {
            Process pgCtl = new ProcessBuilder(runAs.command(List.of(Platform.current().program(binaries, "pg_ctl").toString(),
                    "-D", directory.data().toString(), "-m", "immediate", "-w", "-t", "10", "stop")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            pgCtl.waitFor(15, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.warn("PostgreSQL (pid {}) ignored the immediate shutdown; killing it", process.pid());
            }
        } catch (IOException e) {
            LOG.warn("pg_ctl stop failed ({}); killing PostgreSQL (pid {})", e.toString(), process.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (!directory.delete()) {
                LOG.warn("Could not delete {}; the next start removes it", directory.root);
            }
        }
        LOG.info("Stopped PostgreSQL on 127.0.0.1:{} and removed {} in {} ms", port, directory.root, millis(System.nanoTime() - start));
    }
}
