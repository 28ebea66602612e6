package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The caretaker of one warm server, and the command line that shows and stops warm servers
 * ({@code java -jar pgfixture-<version>.jar status|stop}). See docs/adr/0013-warm-shared-cluster.md.
 *
 * <p>JDK only, one class, no nested classes: it runs in a small JVM of its own whose class path is
 * this library's code location alone (a jar, or a {@code target/classes} folder that {@code mvn clean}
 * may delete while it runs), so it must need nothing that is loaded later from there.
 *
 * <p>A warm server's folder ({@code <warm-dir>/server-<key>/}) holds: {@code control.lock}, locked
 * exclusively by whoever boots, attaches, or stops (a byte written into it marks the folder retired,
 * so whoever waited for it on a file that is then unlinked starts over); {@code attached.lock}, locked
 * shared by every JVM using the server for its whole life; {@code keeper.lock}, locked by the keeper
 * for its life; {@code server.properties}, the descriptor (no secret); {@code password} (0600); the
 * {@code keep-alive} in milliseconds; {@code templates.txt}, the templates a JVM last saw. Locks of a
 * process die with it, on every OS, whatever killed it.
 */
public final class WarmKeeper {

    static final String DESCRIPTOR = "server.properties";
    static final String PASSWORD = "password";
    static final String CONTROL = "control.lock";
    static final String ATTACHED = "attached.lock";
    static final String KEEPER = "keeper.lock";
    static final String KEEP_ALIVE = "keep-alive";
    static final String TEMPLATES = "templates.txt";
    static final String KEEPER_LOG = "keeper.log";
    static final String KEEPER_PID = "keeper.pid";
    static final String FOLDER_PREFIX = "server-";
    /** Prefix of a warm server's cluster folder beside the per-JVM ones (which orphan reaping owns). */
    static final String CLUSTER_PREFIX = "pgfixture-warm-";
    static final String READY = "ready";
    private static final long POLL_MILLIS = 200;

    private WarmKeeper() {
    }

    /**
     * {@code keep <folder>}: the keeper; {@code status [--dir <warm-dir>]} and
     * {@code stop [--dir <warm-dir>]}: for people.
     */
    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "status" : args[0];
        switch (command) {
            case "keep" -> System.exit(keep(Path.of(args[1])));
            case "status" -> System.exit(status(warmDir(args), System.out));
            case "stop" -> System.exit(stop(warmDir(args), System.out));
            default -> {
                System.err.println("Usage: java -jar pgfixture-<version>.jar status|stop [--dir <warm-dir>]\n"
                        + "  status  lists the warm PostgreSQL servers of this user: data directory, port, age, "
                        + "templates, memory\n  stop    stops those no JVM uses and removes their folders\n"
                        + "  --dir   the folder of pgfixture.warm-dir, when the tests set it (default "
                        + defaultWarmDir() + ")");
                System.exit(2);
            }
        }
    }

    /** {@code <java.io.tmpdir>/pgfixture-warm-<user>}, as the library's default for {@code pgfixture.warm-dir}. */
    static Path defaultWarmDir() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("pgfixture-warm-" + user);
    }

    private static Path warmDir(String[] args) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals("--dir")) {
                return Path.of(args[i + 1]);
            }
        }
        String configured = System.getProperty("pgfixture.warm-dir", System.getenv("PGFIXTURE_WARM_DIR"));
        return configured == null || configured.isBlank() ? defaultWarmDir() : Path.of(configured.trim());
    }

    // ---- the keeper ---------------------------------------------------------------------------

    /**
     * Every {@value #POLL_MILLIS} ms, under the control lock: when the postmaster is gone, or nobody
     * has been attached for the keep-alive, stops the server and removes both folders, then exits.
     * Exits at once when another keeper holds {@code keeper.lock}.
     */
    static int keep(Path folder) throws IOException, InterruptedException {
        try (FileChannel keeper = FileChannel.open(folder.resolve(KEEPER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock mine = keeper.tryLock()) {
            if (mine == null) {
                return 0;
            }
            log("keeper " + ProcessHandle.current().pid() + " watches " + folder);
            long idleSince = -1;
            long undescribedSince = -1;
            while (true) {
                Thread.sleep(POLL_MILLIS);
                try (FileChannel control = FileChannel.open(folder.resolve(CONTROL), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                     FileLock held = control.lock()) {
                    if (control.size() > 0) {
                        log("the folder was retired by someone else");
                        return 0;
                    }
                    Properties descriptor = descriptor(folder).orElse(null);
                    if (descriptor == null || !READY.equals(descriptor.getProperty("state"))) {
                        // Only briefly while a JVM boots (it holds the control lock meanwhile); for long, when
                        // the boot that started us failed afterwards: then nothing is left to keep.
                        long now = System.nanoTime();
                        undescribedSince = undescribedSince < 0 ? now : undescribedSince;
                        if (now - undescribedSince > TimeUnit.SECONDS.toNanos(10)) {
                            log("no server described for 10 s; removing the folder");
                            stopPostmaster(booted(descriptor));
                            retire(folder, control, descriptor);
                            return 0;
                        }
                        continue;
                    }
                    undescribedSince = -1;
                    if (!postmasterAlive(descriptor)) {
                        log("the postmaster " + descriptor.getProperty("pid") + " is gone; removing its folders");
                        retire(folder, control, descriptor);
                        return 0;
                    }
                    if (!idle(folder)) {
                        idleSince = -1;
                        continue;
                    }
                    long now = System.nanoTime();
                    if (idleSince < 0) {
                        idleSince = now;
                    }
                    if (now - idleSince >= TimeUnit.MILLISECONDS.toNanos(keepAliveMillis(folder))) {
                        log("no JVM attached for " + keepAliveMillis(folder) + " ms; stopping the server");
                        stopPostmaster(descriptor);
                        retire(folder, control, descriptor);
                        return 0;
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    return 0; // the folder was removed (by stop)
                }
            }
        }
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
        System.out.flush();
    }

    /** True when no JVM holds its shared lock on {@code attached.lock}; call under the control lock. */
    static boolean idle(Path folder) throws IOException {
        try (FileChannel attached = FileChannel.open(folder.resolve(ATTACHED), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock free = attached.tryLock()) {
            return free != null;
        }
    }

    /**
     * True while a keeper holds {@code keeper.lock}, or while the one last started (its pid in
     * {@code keeper.pid}) runs but has not taken the lock yet: a JVM takes a moment to start.
     */
    static boolean keeperAlive(Path folder) throws IOException {
        try (FileChannel keeper = FileChannel.open(folder.resolve(KEEPER), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock free = keeper.tryLock()) {
            if (free == null) {
                return true;
            }
        }
        try {
            long pid = Long.parseLong(Files.readString(folder.resolve(KEEPER_PID), StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> commandLine(h).contains(WarmKeeper.class.getName())).isPresent();
        } catch (IOException | NumberFormatException none) {
            return false;
        }
    }

    static long keepAliveMillis(Path folder) {
        try {
            return Long.parseLong(Files.readString(folder.resolve(KEEP_ALIVE), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    static Optional<Properties> descriptor(Path folder) throws IOException {
        Path file = folder.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return Optional.of(p);
    }

    static boolean postmasterAlive(Properties descriptor) {
        try {
            return ProcessHandle.of(Long.parseLong(descriptor.getProperty("pid", ""))).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * What a {@code booting} descriptor's cluster folder says about its postmaster ({@code postmaster.pid}),
     * so that a server whose booting JVM died before describing it can be stopped.
     */
    static Properties booted(Properties descriptor) {
        Properties found = new Properties();
        String cluster = descriptor == null ? null : descriptor.getProperty("cluster");
        if (cluster != null) {
            Path data = Path.of(cluster).resolve("data");
            try {
                found.setProperty("pid", Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
                found.setProperty("data", data.toString());
            } catch (IOException | RuntimeException none) {
                // never started, or already gone
            }
        }
        return found;
    }

    /**
     * Ends the descriptor's postmaster (immediate shutdown, SIGQUIT; SIGKILL after 5 s) and its
     * children, if it is still the postgres of the recorded data directory.
     */
    static void stopPostmaster(Properties descriptor) {
        long pid;
        try {
            pid = Long.parseLong(descriptor.getProperty("pid", ""));
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> commandLine(h).contains(descriptor.getProperty("data", "\0")));
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle pm = postmaster.get();
        List<ProcessHandle> children = pm.descendants().toList();
        try {
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException noKill) {
            pm.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            pm.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            pm.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Marks the folder retired (a byte in control.lock, seen by whoever waits for its lock), deletes
     * the cluster folder the descriptor names and then this folder. Call under the control lock, with
     * the postmaster stopped.
     */
    static void retire(Path folder, FileChannel control, Properties descriptor) throws IOException {
        control.write(ByteBuffer.wrap(new byte[] {'x'}), 0);
        String cluster = descriptor == null ? null : descriptor.getProperty("cluster");
        if (cluster != null && Path.of(cluster).getFileName().toString().startsWith(CLUSTER_PREFIX)) {
            deleteTree(Path.of(cluster));
        }
        for (String name : List.of(DESCRIPTOR, PASSWORD, KEEP_ALIVE, TEMPLATES, ATTACHED, KEEPER_LOG, KEEPER_PID, KEEPER)) {
            Files.deleteIfExists(folder.resolve(name));
        }
        Files.deleteIfExists(folder.resolve(CONTROL));
        try {
            Files.deleteIfExists(folder);
        } catch (IOException notEmpty) {
            // something of a newer version, or a file someone put there: left alone
        }
    }

    /** Deletes {@code root} and everything below it (no anonymous visitor: that would be a class loaded later). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path path : all) {
            Files.deleteIfExists(path);
        }
    }

    static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + process.pid() + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    // ---- status and stop ------------------------------------------------------------------------

    /** The server folders below {@code warmDir}. */
    static List<Path> folders(Path warmDir) throws IOException {
        List<Path> folders = new ArrayList<>();
        if (!Files.isDirectory(warmDir)) {
            return folders;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(warmDir, FOLDER_PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    folders.add(dir);
                }
            }
        }
        folders.sort(null);
        return folders;
    }

    static int status(Path warmDir, PrintStream out) throws IOException {
        List<Path> folders = folders(warmDir);
        if (folders.isEmpty()) {
            out.println("No warm PostgreSQL server in " + warmDir + ".");
            return 0;
        }
        for (Path folder : folders) {
            Properties d = descriptor(folder).orElse(null);
            if (d == null) {
                out.println(folder + ": no server described (being booted, or being removed)");
                continue;
            }
            boolean alive = postmasterAlive(d);
            long started = Long.parseLong(d.getProperty("started", "0"));
            out.println(folder.getFileName() + ": PostgreSQL " + d.getProperty("version", "?") + (alive ? "" : " (GONE)"));
            out.println("  port        127.0.0.1:" + d.getProperty("port"));
            out.println("  postmaster  pid " + d.getProperty("pid") + ", memory " + memory(d));
            out.println("  data        " + d.getProperty("data"));
            out.println("  age         " + age(Duration.ofMillis(System.currentTimeMillis() - started)));
            out.println("  in use      " + (idle(folder) ? "no" : "yes, by running JVMs") + "; keeper "
                    + (keeperAlive(folder) ? "running" : "GONE") + "; stops " + age(Duration.ofMillis(keepAliveMillis(folder)))
                    + " after the last JVM detaches");
            Path templates = folder.resolve(TEMPLATES);
            List<String> names = Files.exists(templates) ? Files.readAllLines(templates) : List.of();
            out.println("  templates   " + (names.isEmpty() ? "(none seen)" : String.join(", ", names)));
            out.println("  settings    " + d.getProperty("settings", "?"));
        }
        return 0;
    }

    /** Stops every warm server under {@code warmDir} that no JVM uses; 1 when one was in use. */
    static int stop(Path warmDir, PrintStream out) throws IOException {
        int result = 0;
        for (Path folder : folders(warmDir)) {
            try (FileChannel control = FileChannel.open(folder.resolve(CONTROL), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock held = control.lock()) {
                if (control.size() > 0) {
                    continue;
                }
                if (!idle(folder)) {
                    out.println(folder.getFileName() + ": in use by running JVMs; not stopped. Stop those tests first.");
                    result = 1;
                    continue;
                }
                Properties d = descriptor(folder).orElse(null);
                if (d != null) {
                    stopPostmaster(d);
                }
                retire(folder, control, d);
                out.println(folder.getFileName() + ": stopped " + (d == null ? "(nothing ran)" : "PostgreSQL on 127.0.0.1:"
                        + d.getProperty("port") + ", removed " + d.getProperty("cluster")));
            } catch (java.nio.file.NoSuchFileException gone) {
                // removed meanwhile by its keeper
            }
        }
        if (result == 0) {
            out.println("No warm PostgreSQL server runs in " + warmDir + " now.");
        }
        return result;
    }

    /** The proportional set size of the postmaster and its children (Linux), else "?". */
    private static String memory(Properties d) {
        try {
            ProcessHandle pm = ProcessHandle.of(Long.parseLong(d.getProperty("pid", ""))).orElse(null);
            if (pm == null) {
                return "?";
            }
            long kb = 0;
            List<ProcessHandle> all = new ArrayList<>(pm.descendants().toList());
            all.add(pm);
            for (ProcessHandle h : all) {
                for (String line : Files.readAllLines(Path.of("/proc/" + h.pid() + "/smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
            return String.format(Locale.ROOT, "%.1f MB (PSS of %d processes)", kb / 1024.0, all.size());
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String age(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }
}
