package io.github.pgfixture.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link ColdStart} in fresh JVMs, pgfixture and zonky alternating, and collects what they print. */
final class ColdStarts {

    /** One cold start: ms from JVM start and from main to the first usable clone; ms of the migration itself. */
    record Cold(String tool, String fixture, long sinceJvmMillis, double sinceMainMillis, double migrationMillis) {
    }

    private ColdStarts() {
    }

    static List<Cold> run(List<Fixture> fixtures, int repeats, Path storage, String maxConnections, Path log,
                          PrintStream progress) throws IOException, InterruptedException {
        List<Cold> colds = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            for (Fixture fixture : fixtures) {
                for (String tool : List.of("pgfixture", "zonky")) {
                    Cold cold = once(tool, fixture, storage, maxConnections, log);
                    progress.printf("cold start %d/%d, %s on %s: %d ms since JVM start (migration %.0f ms)%n", i + 1,
                            repeats, tool, fixture.name(), cold.sinceJvmMillis(), cold.migrationMillis());
                    colds.add(cold);
                }
            }
        }
        return colds;
    }

    private static Cold once(String tool, Fixture fixture, Path storage, String maxConnections, Path log)
            throws IOException, InterruptedException {
        // A cold start gets a server of its own: with a keep-alive it would attach to a warm one.
        return once(tool, fixture, storage, maxConnections, log, List.of("-Dpgfixture.keep-alive=0"));
    }

    /** One fresh JVM running {@link ColdStart} {@code tool}; {@code jvmArgs} come after the forwarded pgfixture.* properties. */
    static Cold once(String tool, Fixture fixture, Path storage, String maxConnections, Path log, List<String> jvmArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dbench.cold.storage=" + storage, "-Dbench.cold.max-connections=" + maxConnections));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("pgfixture.")) {
                command.add("-D" + k + "=" + v);
            }
        });
        command.addAll(jvmArgs);
        command.addAll(List.of(ColdStart.class.getName(), tool, fixture.sql().toString()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("cold start of " + tool + " did not finish within 5 minutes; see " + log);
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("COLD ")) {
                String[] f = line.trim().split(" ");
                return new Cold(tool, fixture.name(), Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
            }
        }
        throw new IllegalStateException("cold start of " + tool + " on " + fixture.name() + " failed (exit code "
                + process.exitValue() + "); its log is in " + log);
    }
}
