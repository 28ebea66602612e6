package io.github.pgfixture.internal.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The folder of one embedded cluster, {@code <parent>/pgfixture-cluster-<id>}: {@code owner.properties}
 * records which JVM started it, {@code data/} is PostgreSQL's data directory, {@code server.log} its log.
 * A folder whose owning JVM is gone is an orphan of a killed run: {@link #reapOrphans} stops its
 * server and deletes it.
 */
final class ClusterDirectory {

    static final String PREFIX = "pgfixture-cluster-";
    private static final String OWNER_FILE = "owner.properties";
    private static final Duration OWNERLESS_GRACE = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterDirectory.class);

    final Path root;

    private ClusterDirectory(Path root) {
        this.root = root;
    }

    Path data() {
        return root.resolve("data");
    }

    Path log() {
        return root.resolve("server.log");
    }

    /** Creates a new folder (0700) under {@code parent} owned by this JVM. */
    static ClusterDirectory create(Path parent) throws IOException {
        Files.createDirectories(parent);
        Path root = Files.createTempDirectory(parent, PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ProcessHandle self = ProcessHandle.current();
        Properties owner = new Properties();
        owner.setProperty("pid", Long.toString(self.pid()));
        owner.setProperty("started", self.info().startInstant().map(Instant::toString).orElse(""));
        Path tmp = root.resolve(OWNER_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            owner.store(out, "pgfixture: the JVM that owns this cluster");
        }
        Files.move(tmp, root.resolve(OWNER_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new ClusterDirectory(root);
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
                    ClusterDirectory orphan = new ClusterDirectory(dir);
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

    private static boolean isOrphan(Path dir) throws IOException {
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

    /** The postmaster of this folder's data directory, if one is running. */
    Optional<ProcessHandle> postmaster() {
        Path pidFile = data().resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            // Only a postgres running on this data directory: a reused pid is left alone.
            return handle.filter(h -> commandLine(pid).contains(data().toString()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
