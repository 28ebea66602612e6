package io.github.pgfixture.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's settings, from system properties:
 * <ul>
 *   <li>{@code bench.iterations} (200): kept runs per scenario;</li>
 *   <li>{@code bench.warmup} (20): rounds run first and thrown away;</li>
 *   <li>{@code pgfixture.fixtures}: the folder that holds {@code bench-50-tables.sql}; by default
 *       {@code ../shared/fixtures} next to the repository root;</li>
 *   <li>{@code bench.root} (the working directory): the repository root;</li>
 *   <li>{@code bench.diagnose} (false): adds two diagnostic scenarios: "pgfixture, phases split", which
 *       times the library's pool start and pool close apart from the rest, and "raw FILE_COPY, drop after
 *       exit", which waits for the closed session's backend to leave before the DROP;</li>
 *   <li>{@code bench.output} ({@code benchmarks/target/results-clone.md} under the root): the report file.</li>
 * </ul>
 */
record Config(int iterations, int warmup, Path templateSql, Path output, boolean diagnose) {

    static final String TEMPLATE_FILE = "bench-50-tables.sql";

    static Config fromSystemProperties() {
        Path root = Path.of(property("bench.root", ".")).toAbsolutePath().normalize();
        int iterations = positive("bench.iterations", 200, 1);
        int warmup = positive("bench.warmup", 20, 0);
        String fixturesProperty = property("pgfixture.fixtures", "");
        Path fixtures = fixturesProperty.isBlank()
                ? root.resolve("../shared/fixtures").normalize()
                : Path.of(fixturesProperty).toAbsolutePath().normalize();
        Path sql = fixtures.resolve(TEMPLATE_FILE);
        if (!Files.isRegularFile(sql)) {
            throw new IllegalArgumentException("The benchmark template " + sql + " does not exist. "
                    + (fixturesProperty.isBlank()
                        ? "By default the fixtures are looked up in ../shared/fixtures next to the repository root (" + root + "). "
                        : "It was looked up in the folder given by -Dpgfixture.fixtures. ")
                    + "Point -Dpgfixture.fixtures=DIR at the folder that holds " + TEMPLATE_FILE + ".");
        }
        String outputProperty = property("bench.output", "");
        Path output = outputProperty.isBlank()
                ? root.resolve("benchmarks/target/results-clone.md")
                : Path.of(outputProperty).toAbsolutePath().normalize();
        boolean diagnose = Boolean.parseBoolean(property("bench.diagnose", "false"));
        return new Config(iterations, warmup, sql, output, diagnose);
    }

    private static String property(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null ? fallback : value.trim();
    }

    static int positive(String key, int fallback, int min) {
        String raw = property(key, "");
        if (raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + key + "=" + raw + " is not a whole number >= " + min + ".");
    }
}
