package io.github.pgfixture.internal.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The folder of one embedded cluster, {@code <parent>/pgfixture-cluster-<id>}: {@code owner.lock} is
 * locked by the JVM that started it for as long as that JVM lives, {@code owner.properties} records
 * which JVM that is, {@code data/} is PostgreSQL's data directory, {@code server.log} its log.
 * A folder whose lock nobody holds is an orphan of a killed run: {@link #reapOrphans} stops its
 * server and deletes it. The operating system drops a dead process's locks on every OS, so this
 * needs no command lines (which the JDK does not give on Windows); folders of older versions,
 * without a lock file, are judged by the owner's pid and start time.
 */
final class ClusterDirectory {

    static final String PREFIX = "pgfixture-cluster-";
    private static final String OWNER_FILE = "owner.properties";
    private static final String LOCK_FILE = "owner.lock";
    /**
     * Lock files this JVM holds. Never opened a second time here: closing any channel to a file drops
     * all of this JVM's locks on it on Linux (POSIX record locks belong to the process).
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Duration OWNERLESS_GRACE = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterDirectory.class);

    final Path root;
    private final FileChannel lockChannel;

    private ClusterDirectory(Path root, FileChannel lockChannel) {
        this.root = root;
        this.lockChannel = lockChannel;
    }

    Path data() {
        return root.resolve("data");
    }

    Path log() {
        return root.resolve("server.log");
    }

    /** Creates a new folder (0700 where permissions are POSIX) under {@code parent} owned by this JVM. */
    static ClusterDirectory create(Path parent) throws IOException {
        Files.createDirectories(parent);
        Path root = FilePermissions.posix(parent)
                ? Files.createTempDirectory(parent, PREFIX,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(parent, PREFIX);
        FileChannel lock = lock(root.resolve(LOCK_FILE));
        ProcessHandle self = ProcessHandle.current();
        Properties owner = new Properties();
        owner.setProperty("pid", Long.toString(self.pid()));
        owner.setProperty("started", self.info().startInstant().map(Instant::toString).orElse(""));
        Path tmp = root.resolve(OWNER_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            owner.store(out, "pgfixture: the JVM that owns this cluster");
        }
        Files.move(tmp, root.resolve(OWNER_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new ClusterDirectory(root, lock);
    }

    /**
     * A new folder (0700 where permissions are POSIX) under {@code parent} for a warm server, which
     * outlives this JVM: named {@link WarmKeeper#CLUSTER_PREFIX}{@code *}, so {@link #reapOrphans}
     * never takes it for an orphan; its keeper removes it ({@link WarmKeeper}).
     */
    static ClusterDirectory createShared(Path parent) throws IOException {
        Files.createDirectories(parent);
        Path root = FilePermissions.posix(parent)
                ? Files.createTempDirectory(parent, WarmKeeper.CLUSTER_PREFIX,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(parent, WarmKeeper.CLUSTER_PREFIX);
        return new ClusterDirectory(root, null);
    }

    /** Locks {@code file} for this JVM's lifetime (until {@link #delete}); null where locks are unsupported. */
    private static FileChannel lock(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IOException("another process locked the new " + file);
            }
            HELD.add(file.toAbsolutePath());
            return channel;
        } catch (UnsupportedOperationException | IOException noLocks) {
            channel.close();
            Files.deleteIfExists(file);
            LOG.debug("No owner lock in {} ({}); ownership falls back to the pid", file.getParent(), noLocks.toString());
            return null;
        }
    }

    /** Releases the owner lock and deletes the folder; false when something is left. */
    boolean delete() {
        if (lockChannel != null) {
            HELD.remove(root.resolve(LOCK_FILE).toAbsolutePath());
            try {
                lockChannel.close();
            } catch (IOException e) {
                LOG.debug("Closing {}: {}", root.resolve(LOCK_FILE), e.toString());
            }
        }
        return FileTrees.deleteQuietly(root);
    }

    /** Stops the server of every cluster folder under {@code parent} whose JVM is gone, and deletes the folder. */
    static int reapOrphans(Path parent) {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        int reaped = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS) && isOrphan(dir)) {
                    ClusterDirectory orphan = new ClusterDirectory(dir, null);
                    orphan.stopServer(Duration.ofSeconds(5));
                    if (FileTrees.deleteQuietly(dir)) {
                        LOG.info("Removed the cluster {} left by a JVM that is gone", dir);
                        reaped++;
                    } else {
                        LOG.warn("Could not remove {} (left by a JVM that is gone); delete it by hand", dir);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not look for orphaned clusters in {}: {}", parent, e.toString());
        }
        return reaped;
    }

    static boolean isOrphan(Path dir) throws IOException {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (Files.exists(lockFile)) {
            return !lockedByALiveProcess(lockFile);
        }
        Path ownerFile = dir.resolve(OWNER_FILE);
        if (!Files.exists(ownerFile)) {
            FileTime modified = Files.getLastModifiedTime(dir);
            return modified.toInstant().isBefore(Instant.now().minus(OWNERLESS_GRACE));
        }
        Properties owner = new Properties();
        try (InputStream in = Files.newInputStream(ownerFile)) {
            owner.load(in);
        }
        long pid;
        try {
            pid = Long.parseLong(owner.getProperty("pid", ""));
        } catch (NumberFormatException e) {
            return true;
        }
        String started = owner.getProperty("started", "");
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // A live process with the same pid but another start time is a reused pid, not the owner.
        String actual = process.get().info().startInstant().map(Instant::toString).orElse("");
        return !started.isEmpty() && !actual.isEmpty() && !started.equals(actual);
    }

    private static boolean lockedByALiveProcess(Path lockFile) throws IOException {
        if (HELD.contains(lockFile.toAbsolutePath())) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock free = channel.tryLock()) {
            return free == null;
        } catch (OverlappingFileLockException ownedHere) {
            return true;
        } catch (UnsupportedOperationException noLocks) {
            return true;
        }
    }

    /** The postmaster of this folder's data directory, if one is running. */
    Optional<ProcessHandle> postmaster() {
        Path pidFile = data().resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Instant written = Files.getLastModifiedTime(pidFile).toInstant();
            // Only a postgres running on this data directory: a reused pid is left alone.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> runsOn(h, data(), written));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code process} is the postmaster of {@code data}: by its command line where the OS
     * gives it (Linux, macOS), else (Windows gives only the executable) by being a {@code postgres}
     * executable started before {@code postmaster.pid} was last written.
     */
    static boolean runsOn(ProcessHandle process, Path data, Instant pidFileWritten) {
        String commandLine = commandLine(process.pid());
        if (!commandLine.isEmpty()) {
            return commandLine.contains(data.toString());
        }
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres")).orElse(false);
        return postgres && info.startInstant().map(s -> !s.isAfter(pidFileWritten.plusSeconds(1))).orElse(false);
    }

    /** Stops the postmaster running on {@code root}'s data directory, if any, and deletes {@code root}. */
    static boolean stopAndDelete(Path root) {
        new ClusterDirectory(root, null).stopServer(Duration.ofSeconds(5));
        return FileTrees.deleteQuietly(root);
    }

    /** Ends this folder's postmaster and its children: SIGTERM, then SIGKILL after {@code patience}. */
    void stopServer(Duration patience) {
        postmaster().ifPresent(pm -> {
            List<ProcessHandle> children = pm.descendants().toList();
            pm.destroy();
            try {
                pm.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception notYet) {
                pm.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        });
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
        }
    }
}
