package io.github.pgfixture;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * A {@link TemplateChild} JVM on the test's class path (optionally without some jars), attached to
 * the server at {@code adminUrl}. Its standard output is read line by line; its standard error goes
 * to a log file that failures quote. {@link #close()} kills it.
 */
final class ChildJvm implements AutoCloseable {

    /** A guard against a child that hangs, not a timing assertion: a child that needs this long has failed. */
    private static final long PATIENCE_SECONDS = 120;

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "child-jvm-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param leaveOut class-path entries to leave out (e.g. the Flyway and Liquibase jars)
     * @param log      file for the child's standard error
     */
    static ChildJvm start(String adminUrl, Predicate<String> leaveOut, Path log, String... args) throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(leaveOut.negate()).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Dpgfixture.url=" + adminUrl, "-Dpgfixture.ready-clones=0"));
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.add(TemplateChild.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ChildJvm(process, log);
    }

    long pid() {
        return process.pid();
    }

    /** The next line of output that starts with {@code prefix} (earlier lines are skipped). */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        return fail("Child JVM " + process.pid() + " never printed '" + prefix + "'. Its log:\n" + log());
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the child to end and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            fail("Child JVM " + process.pid() + " did not end. Its log:\n" + log());
        }
        return process.exitValue();
    }

    /** Kills the child at once (SIGKILL: no shutdown hook runs) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the child; an interrupt while waiting for it to exit is passed on, not thrown. */
    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
