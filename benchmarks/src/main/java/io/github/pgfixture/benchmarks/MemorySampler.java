package io.github.pgfixture.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Peak memory during one suite. The JVM heap from the heap pools' peak usage (reset at the start; the
 * sum of each pool's peak, an upper bound); the JVM's resident set and the PostgreSQL servers' from
 * {@code /proc}, sampled every 50 ms: a server is its postmaster (first line of {@code postmaster.pid}
 * in its data directory) and the postmaster's children. The servers' RSS is summed over processes, so
 * shared memory every backend has touched counts once per process (an upper bound); their PSS (from
 * {@code smaps_rollup}) shares such pages out and adds up to what the server really holds.
 */
final class MemorySampler implements AutoCloseable {

    /** Peaks of one suite: heap in bytes, resident sets and proportional sets in kB. */
    record Peak(long heapBytes, long jvmRssKb, long serverRssKb, long serverPssKb) {
        static Peak max(Peak a, Peak b) {
            return a == null ? b : new Peak(Math.max(a.heapBytes, b.heapBytes), Math.max(a.jvmRssKb, b.jvmRssKb),
                    Math.max(a.serverRssKb, b.serverRssKb), Math.max(a.serverPssKb, b.serverPssKb));
        }
    }

    private static final long INTERVAL_MILLIS = 50;

    private final Thread thread;
    private volatile Supplier<List<Path>> directories;
    private long jvmPeak; // guarded by this
    private long serverPeak; // guarded by this
    private long serverPssPeak; // guarded by this
    private volatile boolean running = true;

    MemorySampler() {
        thread = new Thread(this::loop, "bench-memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a new measurement of the servers in {@code dataDirectories} (asked anew at every sample). */
    void start(Supplier<List<Path>> dataDirectories) {
        synchronized (this) {
            jvmPeak = 0;
            serverPeak = 0;
            serverPssPeak = 0;
            directories = dataDirectories;
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        sample();
    }

    /** Ends the measurement; its peaks. */
    Peak stop() {
        sample();
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        synchronized (this) {
            directories = null;
            return new Peak(heap, jvmPeak, serverPeak, serverPssPeak);
        }
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        Supplier<List<Path>> current = directories;
        if (current == null) {
            return;
        }
        long jvm = kb(ProcessHandle.current().pid(), "status", "VmRSS:");
        long rss = 0;
        long pss = 0;
        for (Path directory : current.get()) {
            for (long pid : serverProcesses(directory)) {
                rss += kb(pid, "status", "VmRSS:");
                pss += kb(pid, "smaps_rollup", "Pss:");
            }
        }
        synchronized (this) {
            if (directories == current) {
                jvmPeak = Math.max(jvmPeak, jvm);
                serverPeak = Math.max(serverPeak, rss);
                serverPssPeak = Math.max(serverPssPeak, pss);
            }
        }
    }

    /** The postmaster in {@code dataDirectory} and its children; none when no server runs there. */
    private static List<Long> serverProcesses(Path dataDirectory) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException notRunning) {
            return List.of();
        }
        List<Long> pids = children(postmaster);
        pids.add(postmaster);
        return pids;
    }

    static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try {
            for (String s : Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children"))
                    .trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    children.add(Long.parseLong(s));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited meanwhile
        }
        return children;
    }

    /** The kB figure on the line starting with {@code key} in {@code /proc/<pid>/<file>}; 0 if the process has gone. */
    private static long kb(long pid, String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited meanwhile, or not Linux
        }
        return 0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
