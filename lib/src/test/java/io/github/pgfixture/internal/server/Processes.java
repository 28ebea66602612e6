package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the OS says about processes, for tests that check that PostgreSQL is gone: {@link ProcessHandle}
 * everywhere, refined by {@code /proc} where there is one (Linux).
 *
 * <p>On Linux a process counts as running while {@code /proc/<pid>/stat} exists and its state is not
 * {@code Z}: an exited process whose parent is gone stays a zombie until init reaps it, and some
 * sandboxes' init never does. {@link ProcessHandle#isAlive()} reports such a zombie as alive; elsewhere
 * (macOS, Windows) it is all there is.
 */
public final class Processes {

    /** True where {@code /proc} describes processes (Linux). */
    public static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));

    private Processes() {
    }

    /** True while {@code pid} exists and has not exited (on Linux: is not a zombie either). */
    public static boolean isRunning(long pid) {
        if (!PROC) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            // "pid (comm) S ...": comm may contain spaces and parentheses, the state follows the last ')'.
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** Running processes whose command line contains {@code fragment}, e.g. a data directory. */
    public static List<Long> runningWith(String fragment) {
        return ProcessHandle.allProcesses()
                .map(ProcessHandle::pid)
                .filter(pid -> commandLine(pid).contains(fragment))
                .filter(Processes::isRunning)
                .toList();
    }

    /**
     * The command line with NULs as spaces; empty for a process that is gone or a zombie, and on
     * Windows, where the JDK gives no other process's arguments.
     */
    public static String commandLine(long pid) {
        if (!PROC) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
        }
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** True where this JVM can read other processes' command lines (not on Windows). */
    public static boolean commandLinesReadable() {
        return !commandLine(ProcessHandle.current().pid()).isEmpty();
    }

    /** The real uid of {@code pid}, from the {@code Uid:} line of {@code /proc/<pid>/status} (Linux only). */
    public static long uid(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.split("\\s+")[1]);
            }
        }
        throw new IOException("/proc/" + pid + "/status has no Uid line");
    }

    /**
     * The real uids of those of {@code pids} still alive when read. A backend or worker may exit between
     * listing and reading its {@code /proc} entry; it is left out, not an error.
     */
    public static List<Long> uidsOfLiving(List<Long> pids) throws IOException {
        List<Long> uids = new java.util.ArrayList<>();
        for (long pid : pids) {
            try {
                uids.add(uid(pid));
            } catch (java.nio.file.NoSuchFileException exited) {
                // gone in the meantime
            } catch (IOException exiting) {
                // exited while its status was read: Linux then fails the read with ESRCH ("No such process")
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw exiting;
                }
            }
        }
        return uids;
    }

    /** The pid on the first line of {@code <dataDirectory>/postmaster.pid}. */
    public static long postmasterPid(Path dataDirectory) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    }

    /** The pids of every process below {@code pid}, running ones only. */
    public static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid)
                .filter(Processes::isRunning)
                .toList();
    }
}
