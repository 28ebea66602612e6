package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who listens on a loopback port, from {@code /proc} (Linux): the listening sockets of
 * {@code /proc/net/tcp} and the socket inodes among a process's open files. Elsewhere, or where
 * {@code /proc} does not tell, nothing is checked.
 */
final class Listeners {

    private static final Path TCP = Path.of("/proc/net/tcp");

    private Listeners() {
    }

    /**
     * Null when {@code pid} listens on 127.0.0.1:{@code port} (or this cannot be told here); else why not,
     * for a message. Run before any credential is sent to that port.
     */
    static String check(long pid, int port) {
        if (!Files.isReadable(TCP)) {
            return null;
        }
        Set<String> inodes = new HashSet<>();
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        try {
            for (String line : Files.readAllLines(TCP)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && f[1].equals(local) && f[3].equals("0A")) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        } catch (IOException e) {
            return null;
        }
        if (inodes.isEmpty()) {
            return "nothing listens on 127.0.0.1:" + port;
        }
        Path fds = Path.of("/proc/" + pid + "/fd");
        try (DirectoryStream<Path> open = Files.newDirectoryStream(fds)) {
            for (Path fd : open) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return null;
                    }
                } catch (IOException closed) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException unreadable) {
            return null; // another user's process: its files are not ours to list
        }
        return "127.0.0.1:" + port + " belongs to another process than the postmaster (pid " + pid + ")";
    }
}
