package io.github.pgfixture.internal.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Processes that outlive this JVM (a warm server's postmaster and its keeper): in a session of their
 * own where {@code setsid} exists, so the terminal's Ctrl-C, which reaches the build's whole process
 * group, does not reach them; reading nothing, so no pipe to this JVM remains.
 */
final class Detached {

    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);
    private static final File NO_INPUT = new File("/dev/null");

    private Detached() {
    }

    /**
     * {@code command} behind {@code setsid} where there is one; setsid execs it in place (the child of
     * a JVM is no process group leader), so the pid stays the one this JVM started.
     */
    static List<String> command(List<String> command) {
        if (SETSID == null) {
            return command;
        }
        List<String> full = new ArrayList<>();
        full.add(SETSID.toString());
        full.addAll(command);
        return full;
    }

    static void noInput(ProcessBuilder builder) {
        if (NO_INPUT.exists()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        }
    }
}
