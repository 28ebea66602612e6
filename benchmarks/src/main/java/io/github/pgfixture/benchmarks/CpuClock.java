package io.github.pgfixture.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent so far, from {@code /proc} (Linux only; 0 elsewhere): this JVM's, and a PostgreSQL
 * server's: its postmaster's own, that of the children it has reaped (backends that exited), and that of
 * the children still running. Differences over a suite tell what each test cost the machine's cores,
 * whatever else the machine was running meanwhile.
 */
final class CpuClock {

    /** {@code getconf CLK_TCK} on Linux on every architecture we run on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClock() {
    }

    /** This JVM's CPU time, all threads, in nanoseconds. */
    static long jvmNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** The CPU time of the server whose data directory is {@code dataDirectory}, in nanoseconds; 0 if none runs. */
    static long serverNanos(Path dataDirectory) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException notRunning) {
            return 0;
        }
        long ticks = ticks(postmaster, true);
        for (long child : MemorySampler.children(postmaster)) {
            ticks += ticks(child, false);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** utime + stime of {@code pid}, plus cutime + cstime (its reaped children) if asked; 0 once it has gone. */
    private static long ticks(long pid, boolean reapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces: state is field 3
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            if (reapedChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime (fields 16, 17)
            }
            return ticks;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
