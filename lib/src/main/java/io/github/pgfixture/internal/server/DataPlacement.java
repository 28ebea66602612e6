package io.github.pgfixture.internal.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the cluster's folder goes by default: {@code /dev/shm} (clones there are 10-25x cheaper than
 * on disk, ADR 3) when it is writable and has at least {@link #SHM_MINIMUM_FREE} free, else
 * {@code java.io.tmpdir}. Docker gives containers a 64 MB {@code /dev/shm}, where the first clones
 * would fail with "No space left on device".
 */
public final class DataPlacement {

    /**
     * 512 MiB. Measured data directories (PostgreSQL 18): 39 MB after initdb, 65 MB with one
     * template, 270 MB with a template and 20 clones; the threshold leaves room for bigger schemas
     * and for other processes' use of {@code /dev/shm}.
     */
    public static final long SHM_MINIMUM_FREE = 512L << 20;
    static final Path SHM = Path.of("/dev/shm");

    private static final Logger LOG = LoggerFactory.getLogger(DataPlacement.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private DataPlacement() {
    }

    /** The default parent of cluster folders on this machine; says once per JVM why it is not /dev/shm. */
    static Path defaultParent(Path tmp) {
        String reason = reasonAgainst(SHM, usableSpace(SHM));
        if (reason == null) {
            return SHM;
        }
        if (Files.isDirectory(SHM) && TOLD.compareAndSet(false, true)) {
            LOG.info("Cluster data goes to {}, not {}: {}. Set pgfixture.data-dir to choose the folder", tmp, SHM, reason);
        }
        return tmp;
    }

    /** Null when {@code shm} is usable with {@code free} bytes free, else why not. */
    static String reasonAgainst(Path shm, long free) {
        if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
            return shm + " does not exist or is not writable";
        }
        if (free < SHM_MINIMUM_FREE) {
            return shm + " has only " + mib(free) + " free, less than the " + mib(SHM_MINIMUM_FREE) + " a test run may need";
        }
        return null;
    }

    /** For the boot line: the rule that placed the data, when it was the default. */
    static String describe(Path parent) {
        if (!Files.isDirectory(SHM) || !(parent.equals(SHM) || parent.equals(Path.of(System.getProperty("java.io.tmpdir"))))) {
            return "";
        }
        return " (" + SHM + ": " + mib(usableSpace(SHM)) + " free, " + mib(SHM_MINIMUM_FREE) + " needed to put data there by default)";
    }

    static long usableSpace(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
