package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An embedded server shared by every JVM of one OS user on this machine that asks for one with the
 * same settings, and kept warm for {@code pgfixture.keep-alive} after the last of them detaches
 * (docs/adr/0013-warm-shared-cluster.md). The first JVM boots it (as {@link EmbeddedServer} does)
 * and starts its {@link WarmKeeper}; the others find it through its folder
 * {@code <warm-dir>/server-<hash of the settings>/} and attach.
 *
 * <p>Before any credential is sent, the descriptor is checked: its postmaster is alive, is the
 * postgres of the recorded data directory, its {@code postmaster.pid} says ready on the recorded
 * port, and (where {@code /proc} tells) the socket listening on that port is the postmaster's. A
 * server that fails a check is stopped if it is still ours, removed, and replaced.
 *
 * <p>To the cluster above it, this server is not {@link #embedded()}: it outlives the JVM, so, as on
 * an external server, each JVM drops its own databases at exit and the next start drops those of
 * JVMs that died (their names carry the run id).
 *
 * <p>Known cost: a fresh JVM's first clone from a warm server takes 0.65–0.8 s after the JVM's
 * start on the build machine at load 2–4 (plain JDBC on the same server, the floor: 0.43–0.59 s;
 * zonky's cold start 1.3–1.7 s): pgfixture adds 185–222 ms to the floor, mostly this attach (p50
 * ~165 ms, class loading) and the admin pool's start. Logging in the lease beside the pool, and
 * preloading the driver beside SLF4J's start, showed no gain on two busy cores; see
 * docs/benchmarks.md#warm-start for the figures and what to try next.
 */
public final class WarmServer implements Server {

    private static final Logger LOG = LoggerFactory.getLogger(WarmServer.class);
    private static final Duration LAPTOP_KEEP_ALIVE = Duration.ofMinutes(10);
    private static final Duration CONTROL_PATIENCE = Duration.ofMinutes(2);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");
    /** Bump when what a warm folder holds changes incompatibly: older JVMs then boot servers of their own. */
    private static final String LAYOUT = "warm v1";
    /**
     * The folders this JVM is attached to, with how many servers of this JVM use each. One channel
     * and one lock per folder: POSIX locks belong to the process, so closing a second channel to
     * the file would drop the first one's lock. Guarded by itself; also serialises attaching here.
     */
    private static final Map<Path, Attachment> ATTACHED = new HashMap<>();

    private final Path folder;
    private final Path warmDir;
    private final int port;
    private final String password;
    private final long pid;
    private final Path data;
    private final String version;
    private volatile boolean detached;
    private volatile String goneNotice;

    private static final class Attachment {
        private final FileChannel channel;
        private final FileLock lock;
        private int users;

        private Attachment(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private WarmServer(Path folder, Properties descriptor, String password) {
        this.folder = folder;
        this.warmDir = folder.getParent();
        this.port = Integer.parseInt(descriptor.getProperty("port"));
        this.pid = Long.parseLong(descriptor.getProperty("pid"));
        this.data = Path.of(descriptor.getProperty("data"));
        this.version = descriptor.getProperty("version", "?");
        this.password = password;
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().thenRun(this::noteGone));
    }

    /** {@code pgfixture.keep-alive}: 10 minutes, or 0 where the environment variable {@code CI} is set. */
    static Duration keepAlive(Settings settings) {
        return settings.get(Settings.KEEP_ALIVE)
                .map(raw -> parseDuration(raw, settings.sourceOf(Settings.KEEP_ALIVE)))
                .orElseGet(() -> defaultKeepAlive(System.getenv("CI")));
    }

    /** Zero on CI (the variable set, and not to {@code false}): CI machines start clean and run once. */
    static Duration defaultKeepAlive(String ci) {
        boolean onCi = ci != null && !ci.isBlank() && !ci.trim().equalsIgnoreCase("false");
        return onCi ? Duration.ZERO : LAPTOP_KEEP_ALIVE;
    }

    static Duration parseDuration(String raw, String source) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(value);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? (n == 0 ? "s" : "") : m.group(2);
                switch (unit) {
                    case "ms":
                        return Duration.ofMillis(n);
                    case "s":
                        return Duration.ofSeconds(n);
                    case "m":
                    case "min":
                        return Duration.ofMinutes(n);
                    case "h":
                        return Duration.ofHours(n);
                    default:
                        break; // a number without unit: refused below
                }
            } else if (value.startsWith("p")) {
                Duration d = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new PgFixtureException("Setting " + Settings.KEEP_ALIVE + " = '" + raw.trim() + "' (from " + source
                + ") is not a duration. Write it as 10m, 30s, 1500ms, 2h or PT10M, or 0 for a server of this JVM's "
                + "own that stops when it exits.");
    }

    /** {@code pgfixture.warm-dir}, else {@code <java.io.tmpdir>/pgfixture-warm-<user>}. */
    static Path warmDir(Settings settings) {
        return settings.get(Settings.WARM_DIR).map(Path::of).orElseGet(WarmKeeper::defaultWarmDir).toAbsolutePath();
    }

    /** What makes two servers interchangeable, for people (the status command shows it) and hashed into the folder's name. */
    static String settingsOf(EmbeddedServer.Options options) {
        return "binaries " + Binaries.archiveKey() + " in " + options.binariesDir().toAbsolutePath()
                + ", max_connections " + options.maxConnections()
                + ", server-config " + new TreeMap<>(options.serverConfig())
                + ", run-as " + options.runAs()
                + ", data under " + options.dataParent().toAbsolutePath()
                + (options.viaPgCtl() ? ", started by pg_ctl" : "")
                + ", user " + System.getProperty("user.name");
    }

    static String folderName(String settings) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((LAYOUT + "|" + settings).getBytes(StandardCharsets.UTF_8));
            return WarmKeeper.FOLDER_PREFIX + HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new PgFixtureException("This JVM has no SHA-256, which every JDK must have: " + e, e);
        }
    }

    /**
     * Attaches to the warm server for these options, booting it first when there is none (or none
     * usable). First removes the servers of other settings that nobody keeps any more: no JVM
     * attached and no keeper (it was killed by hand), so they would otherwise run for ever.
     */
    static WarmServer open(EmbeddedServer.Options options, Duration keepAlive, Path warmDir) {
        long start = System.nanoTime();
        String settings = settingsOf(options);
        Path folder = warmDir.resolve(folderName(settings));
        synchronized (ATTACHED) {
            try {
                ensurePrivate(warmDir);
                reapAbandoned(warmDir, folder);
                for (int attempt = 1; ; attempt++) {
                    try {
                        createPrivate(folder);
                        try (FileChannel control = FileChannel.open(folder.resolve(WarmKeeper.CONTROL),
                                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                             FileLock held = lockWithin(control, folder)) {
                            if (control.size() > 0) {
                                continue; // its keeper retired the folder while we waited: start over
                            }
                            Properties descriptor = WarmKeeper.descriptor(folder).orElse(null);
                            String problem = descriptor == null ? "none described" : unusable(descriptor, folder);
                            if (problem == null) {
                                return attach(folder, descriptor, keepAlive, start);
                            }
                            if (descriptor != null) {
                                LOG.info("The warm server described in {} cannot be used ({}); removing it and booting "
                                        + "another", folder, problem);
                                removeStale(folder, descriptor);
                            }
                            return boot(folder, options, keepAlive, settings);
                        }
                    } catch (NoSuchFileException raced) {
                        if (attempt >= 20) {
                            throw raced;
                        }
                        // its keeper removed the folder between our creating it and opening the lock
                    }
                }
            } catch (IOException e) {
                throw new PgFixtureException("Cannot use the warm server folder " + folder + ": " + e + ". Make "
                        + warmDir + " writable and yours alone, choose another with " + Settings.WARM_DIR
                        + ", or set " + Settings.KEEP_ALIVE + "=0 for a server of this JVM's own.", e);
            }
        }
    }

    /**
     * Stops and removes every server under {@code warmDir} but {@code own} that has neither a keeper
     * nor an attached JVM. Skips folders this JVM is attached to (opening and closing a second
     * channel to their lock file would drop this JVM's own lock) and folders someone else is booting,
     * attaching to or stopping right now (their control lock is taken).
     */
    private static void reapAbandoned(Path warmDir, Path own) throws IOException {
        for (Path folder : WarmKeeper.folders(warmDir)) {
            if (folder.equals(own) || ATTACHED.containsKey(folder)) {
                continue;
            }
            try (FileChannel control = FileChannel.open(folder.resolve(WarmKeeper.CONTROL), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock held = control.tryLock()) {
                if (held == null || control.size() > 0 || WarmKeeper.keeperAlive(folder) || !WarmKeeper.idle(folder)) {
                    continue;
                }
                Properties descriptor = WarmKeeper.descriptor(folder).orElse(null);
                WarmKeeper.stopPostmaster(descriptor == null ? new Properties()
                        : WarmKeeper.READY.equals(descriptor.getProperty("state")) ? descriptor : WarmKeeper.booted(descriptor));
                WarmKeeper.retire(folder, control, descriptor);
                LOG.info("Removed the warm server in {}: its keeper was gone and no JVM used it", folder);
            } catch (NoSuchFileException | java.nio.channels.OverlappingFileLockException gone) {
                // removed meanwhile, or ours after all
            }
        }
    }

    /**
     * The control lock, waited for at most {@link #CONTROL_PATIENCE}: a boot holds it for seconds, a
     * JVM stopped in a debugger while booting could hold it for ever.
     */
    private static FileLock lockWithin(FileChannel control, Path folder) throws IOException {
        long deadline = System.nanoTime() + CONTROL_PATIENCE.toNanos();
        while (true) {
            FileLock lock = control.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new PgFixtureException("Another process has held " + folder.resolve(WarmKeeper.CONTROL) + " for "
                        + CONTROL_PATIENCE.toSeconds() + " s (booting or stopping the warm server there, or stopped in a "
                        + "debugger while doing so). End that process, or set " + Settings.KEEP_ALIVE + "=0 for a "
                        + "server of this JVM's own.");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PgFixtureException("Interrupted while waiting for the warm server in " + folder, e);
            }
        }
    }

    private static WarmServer attach(Path folder, Properties descriptor, Duration keepAlive, long start) throws IOException {
        writePrivate(folder.resolve(WarmKeeper.KEEP_ALIVE), Long.toString(keepAlive.toMillis()));
        if (!WarmKeeper.keeperAlive(folder)) {
            LOG.info("The keeper of the warm server in {} is gone; starting another", folder);
            startKeeper(folder);
        }
        String password = Files.readString(folder.resolve(WarmKeeper.PASSWORD), StandardCharsets.UTF_8);
        hold(folder);
        WarmServer server = new WarmServer(folder, descriptor, password);
        long age = System.currentTimeMillis() - Long.parseLong(descriptor.getProperty("started", "0"));
        LOG.info("Reusing the warm PostgreSQL {} at 127.0.0.1:{} (pid {}, data in {}, up {}) in {} ms: it is shared by "
                        + "this user's JVMs with the same settings and stops {} after the last one detaches. "
                        + "See or stop it: {}", server.version, server.port, server.pid, server.data,
                WarmKeeper.age(Duration.ofMillis(age)), (System.nanoTime() - start) / 1_000_000,
                WarmKeeper.age(keepAlive), server.commandHint());
        return server;
    }

    private static WarmServer boot(Path folder, EmbeddedServer.Options options, Duration keepAlive, String settings)
            throws IOException {
        for (String name : List.of(WarmKeeper.DESCRIPTOR, WarmKeeper.PASSWORD, WarmKeeper.TEMPLATES)) {
            Files.deleteIfExists(folder.resolve(name));
        }
        EmbeddedServer booted = EmbeddedServer.start(options, folder);
        try {
            writePrivate(folder.resolve(WarmKeeper.PASSWORD), booted.password());
            writePrivate(folder.resolve(WarmKeeper.KEEP_ALIVE), Long.toString(keepAlive.toMillis()));
            Properties descriptor = new Properties();
            descriptor.setProperty("state", WarmKeeper.READY);
            descriptor.setProperty("pid", Long.toString(booted.pid()));
            descriptor.setProperty("port", Integer.toString(booted.port()));
            descriptor.setProperty("data", booted.data().toString());
            descriptor.setProperty("cluster", booted.directory().toString());
            descriptor.setProperty("version", booted.version());
            descriptor.setProperty("started", Long.toString(System.currentTimeMillis()));
            descriptor.setProperty("settings", settings);
            writeDescriptor(folder, descriptor);
            startKeeper(folder);
            hold(folder);
            WarmServer server = new WarmServer(folder, descriptor, booted.password());
            LOG.info("This PostgreSQL is shared by this user's JVMs with the same settings and stays up {} after the "
                    + "last one detaches (pgfixture.keep-alive). See or stop it: {}", WarmKeeper.age(keepAlive),
                    server.commandHint());
            return server;
        } catch (IOException | RuntimeException e) {
            booted.close();
            Files.deleteIfExists(folder.resolve(WarmKeeper.DESCRIPTOR));
            throw e;
        }
    }

    /** Records the cluster folder of a server about to boot, so that a JVM killed while booting leaves nothing for good. */
    static void describeBooting(Path folder, Path cluster) throws IOException {
        Properties descriptor = new Properties();
        descriptor.setProperty("state", "booting");
        descriptor.setProperty("cluster", cluster.toString());
        writeDescriptor(folder, descriptor);
    }

    /** Why the described server cannot be used, checked before any credential goes to it; null when it can. */
    static String unusable(Properties descriptor, Path folder) {
        if (!WarmKeeper.READY.equals(descriptor.getProperty("state"))) {
            return "its boot did not finish";
        }
        long pid;
        int port;
        try {
            pid = Long.parseLong(descriptor.getProperty("pid", ""));
            port = Integer.parseInt(descriptor.getProperty("port", ""));
        } catch (NumberFormatException e) {
            return "its descriptor is damaged";
        }
        Path data = Path.of(descriptor.getProperty("data", ""));
        ProcessHandle postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
        if (postmaster == null) {
            return "its postmaster (pid " + pid + ") is gone";
        }
        Path pidFile = data.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 8 || !lines.get(0).trim().equals(Long.toString(pid))
                    || !lines.get(3).trim().equals(Integer.toString(port)) || !lines.get(7).trim().equals("ready")) {
                return pidFile + " does not say pid " + pid + ", port " + port + ", ready";
            }
            if (!ClusterDirectory.runsOn(postmaster, data, Files.getLastModifiedTime(pidFile).toInstant())) {
                return "pid " + pid + " is not the postgres of " + data;
            }
        } catch (IOException e) {
            return "its postmaster.pid cannot be read (" + e + ")";
        }
        String listener = Listeners.check(pid, port);
        if (listener != null) {
            return listener;
        }
        if (!Files.isRegularFile(folder.resolve(WarmKeeper.PASSWORD), LinkOption.NOFOLLOW_LINKS)) {
            return "its password file is missing";
        }
        return null;
    }

    /** Stops the described server if it is still ours and removes its cluster folder; under the control lock. */
    private static void removeStale(Path folder, Properties descriptor) throws IOException {
        String cluster = descriptor.getProperty("cluster");
        if (cluster != null && Path.of(cluster).getFileName().toString().startsWith(WarmKeeper.CLUSTER_PREFIX)) {
            ClusterDirectory.stopAndDelete(Path.of(cluster));
        }
        for (String name : List.of(WarmKeeper.DESCRIPTOR, WarmKeeper.PASSWORD, WarmKeeper.TEMPLATES)) {
            Files.deleteIfExists(folder.resolve(name));
        }
    }

    /** The keeper: a small JVM on this library's code alone ({@link WarmKeeper}), detached from this one. */
    private static void startKeeper(Path folder) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx16m", "-Xss512k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", codeLocation().toString(),
                WarmKeeper.class.getName(), "keep", folder.toString()));
        ProcessBuilder builder = new ProcessBuilder(Detached.command(command));
        // A javaagent (coverage, IDE) given through these would be loaded into the keeper too, and may vanish.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Detached.noInput(builder);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve(WarmKeeper.KEEPER_LOG).toFile()));
        Process keeper = builder.start();
        writePrivate(folder.resolve(WarmKeeper.KEEPER_PID), Long.toString(keeper.pid()));
        LOG.debug("Started the keeper (pid {}) of {}", keeper.pid(), folder);
    }

    /** This library's jar, or its classes folder. */
    static Path codeLocation() {
        try {
            return Path.of(WarmKeeper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new PgFixtureException("Cannot tell where pgfixture's classes are, to start the warm server's keeper: "
                    + e + ". Set " + Settings.KEEP_ALIVE + "=0.", e);
        }
    }

    /** How a person sees and stops warm servers, as a command line. */
    String commandHint() {
        Path code = codeLocation();
        String dir = warmDir.equals(WarmKeeper.defaultWarmDir().toAbsolutePath()) ? "" : " --dir " + warmDir;
        return (code.toString().endsWith(".jar") ? "java -jar " + code : "java -cp " + code + " " + WarmKeeper.class.getName())
                + " status|stop" + dir;
    }

    private static void hold(Path folder) throws IOException {
        Attachment attachment = ATTACHED.get(folder);
        if (attachment == null) {
            FileChannel channel = FileChannel.open(folder.resolve(WarmKeeper.ATTACHED), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                attachment = new Attachment(channel, channel.lock(0, Long.MAX_VALUE, true));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            ATTACHED.put(folder, attachment);
        }
        attachment.users++;
    }

    private static void release(Path folder) {
        synchronized (ATTACHED) {
            Attachment attachment = ATTACHED.get(folder);
            if (attachment == null || --attachment.users > 0) {
                return;
            }
            ATTACHED.remove(folder);
            try {
                attachment.lock.release();
                attachment.channel.close();
            } catch (IOException e) {
                LOG.debug("Detaching from {}: {}", folder, e.toString());
            }
        }
    }

    /** A folder private to this OS user: created 0700; an existing one must be a folder of ours that nobody else may enter. */
    static void ensurePrivate(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            createPrivate(dir);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new PgFixtureException(dir + " is not a folder (a link, or a file). pgfixture keeps the passwords of warm "
                    + "servers there: remove it, or choose another folder with " + Settings.WARM_DIR + ".");
        }
        if (!FilePermissions.posix(dir)) {
            return;
        }
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw new PgFixtureException(dir + " belongs to " + owner + ", not to " + me + ": warm servers are never shared "
                    + "between OS users. Choose a folder of your own with " + Settings.WARM_DIR + ".");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (!PosixFilePermissions.toString(permissions).endsWith("------")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void createPrivate(Path dir) throws IOException {
        try {
            if (FilePermissions.posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException exists) {
            // made by another JVM, or by us earlier
        }
    }

    /** Writes {@code content} readable by this user only (0600), in place at once (a rename). */
    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        if (FilePermissions.posix(file.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeDescriptor(Path folder, Properties descriptor) throws IOException {
        StringBuilder text = new StringBuilder("# pgfixture: a warm PostgreSQL server shared by this user's JVMs (no secret here)\n");
        for (String key : new TreeMap<>(descriptor).keySet().stream().map(Object::toString).toList()) {
            text.append(key).append('=').append(descriptor.getProperty(key).replace("\\", "\\\\")).append('\n');
        }
        writePrivate(folder.resolve(WarmKeeper.DESCRIPTOR), text.toString());
    }

    private void noteGone() {
        if (detached) {
            return;
        }
        goneNotice = "The warm PostgreSQL at 127.0.0.1:" + port + " (pid " + pid + ", data in " + data + ") is gone: "
                + "its postmaster ended while this JVM used it (killed, crashed, or out of memory; its log is "
                + data.getParent().resolve("server.log") + "). pgfixture does not restart it within this run: run the "
                + "tests again, and the next start boots a new one.";
        LOG.error(goneNotice);
    }

    @Override
    public String goneNotice() {
        return goneNotice;
    }

    @Override
    public String jdbcUrl(String database) {
        return JdbcUrls.of("127.0.0.1:" + port, database, "user=" + InitializedData.SUPERUSER + "&password=" + password);
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    /** False: it outlives this JVM, so this JVM drops its own databases, as on an external server. */
    @Override
    public boolean embedded() {
        return false;
    }

    /** Keeps the newest 3 templates of each label unless {@code pgfixture.keep-templates} says otherwise. */
    @Override
    public int templatesKeptByDefault() {
        return 3;
    }

    @Override
    public String describe() {
        return "warm PostgreSQL " + version + " at 127.0.0.1:" + port + " (data in " + data + ", shared through " + folder + ")";
    }

    /** The folder that describes this server. */
    Path folder() {
        return folder;
    }

    /** Process id of the postmaster. */
    long pid() {
        return pid;
    }

    /**
     * Detaches this JVM (the server stays up for its keep-alive): records the templates it sees for
     * the status command and releases this JVM's share of {@code attached.lock}. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (detached) {
                return;
            }
            detached = true;
        }
        try {
            recordTemplates();
            if (!WarmKeeper.keeperAlive(folder)) {
                LOG.info("The keeper of {} is gone; starting another so that the server still stops by itself", folder);
                startKeeper(folder);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Detaching from {}: {}", folder, e.toString());
        } finally {
            release(folder);
        }
    }

    private void recordTemplates() throws IOException {
        if (goneNotice != null) {
            return;
        }
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl(maintenanceDatabase()));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'pgfixture\\_tpl\\_%' "
                     + "AND datistemplate ORDER BY datname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            LOG.debug("Could not list the templates of {}: {}", describe(), e.toString());
            return;
        }
        writePrivate(folder.resolve(WarmKeeper.TEMPLATES), names.isEmpty() ? "" : String.join("\n", names) + "\n");
    }

    @Override
    public String toString() {
        return describe();
    }
}
