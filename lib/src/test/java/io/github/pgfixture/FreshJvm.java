package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link FreshJvmChild} once per test JVM (booting a cluster costs seconds on a loaded machine)
 * and keeps what it printed and logged, for the tests that look at a first boot.
 */
final class FreshJvm {

    /** Everything the child printed and logged, in order; whether its cluster folder was gone after it exited. */
    record Run(String output, int exitCode, boolean clusterRemoved) {

        /** The value after {@code "<key> "} on the child's line that starts so. */
        String line(String key) {
            return Arrays.stream(output.split("\n")).filter(l -> l.startsWith(key + " ")).findFirst()
                    .map(l -> l.substring(key.length() + 1)).orElseThrow(() -> new AssertionError(
                            "The child JVM printed no " + key + " line. Its output:\n" + output));
        }
    }

    private static Run run;

    private FreshJvm() {
    }

    static synchronized Run run() throws IOException, InterruptedException {
        if (run == null) {
            run = start();
        }
        return run;
    }

    private static Run start() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("pgfixture-fresh-jvm");
        try {
            Path data = Files.createDirectory(work.resolve("data"));
            Path output = work.resolve("child.log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-D" + Settings.DATA_DIR + "=" + data,
                    FreshJvmChild.class.getName())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finished within 120 s").isTrue();
            } finally {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            boolean removed;
            try (Stream<Path> left = Files.list(data)) {
                removed = left.findAny().isEmpty();
            }
            return new Run(Files.readString(output, StandardCharsets.UTF_8), child.exitValue(), removed);
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
