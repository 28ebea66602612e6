package io.github.pgfixture.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The suite benchmark's settings, from system properties. {@code bench.mode} picks the defaults:
 * <ul>
 *   <li>{@code quick} (the default): the 50-table fixture only, 4 tests per suite, 1 round, classes of 4
 *       tests, 2 warm-up tests, 1 cold start per tool; a smoke run of about a minute on a 2-core machine;</li>
 *   <li>{@code full}: both fixtures, 30 tests per suite (10 for the slow scenarios, migrate per test and
 *       cluster per class), 3 rounds, classes of 10, 10 warm-up tests, 5 cold starts per tool and
 *       fixture; 15 to 20 minutes.</li>
 * </ul>
 * Each can be overridden: {@code bench.tests}, {@code bench.slow-tests}, {@code bench.rounds}, {@code bench.class-size},
 * {@code bench.warmup-tests} (at most 10 for the slow scenarios), {@code bench.cold-starts}, {@code bench.work} (comma-separated W in ms,
 * default {@code 0,10,50}). {@code bench.write-docs=true} rewrites the generated part of
 * docs/benchmarks.md and docs/benchmarks-overhead.png; the report always goes to
 * {@code benchmarks/target/results-suite.md}. Fixtures: {@code pgfixture.fixtures}, as for {@link Config}.
 */
record SuiteConfig(String mode, int tests, int slowTests, int rounds, int classSize, int warmupTests, int coldStarts,
                   List<Integer> work, boolean writeDocs, Path root, Path fixtures) {

    static SuiteConfig fromSystemProperties() {
        String mode = property("bench.mode", "quick");
        boolean full = switch (mode) {
            case "quick" -> false;
            case "full" -> true;
            default -> throw new IllegalArgumentException("-Dbench.mode=" + mode + " is neither quick nor full.");
        };
        Path root = Path.of(property("bench.root", ".")).toAbsolutePath().normalize();
        String fixturesProperty = property("pgfixture.fixtures", "");
        Path fixtures = fixturesProperty.isBlank()
                ? root.resolve("../shared/fixtures").normalize()
                : Path.of(fixturesProperty).toAbsolutePath().normalize();
        for (String file : List.of(Fixture.FIFTY_TABLES, Fixture.PAGILA)) {
            if (!Files.isRegularFile(fixtures.resolve(file))) {
                throw new IllegalArgumentException("The fixture " + fixtures.resolve(file) + " does not exist. Point "
                        + "-Dpgfixture.fixtures=DIR at the folder that holds " + Fixture.FIFTY_TABLES + " and "
                        + Fixture.PAGILA + " (by default ../shared/fixtures next to the repository root).");
            }
        }
        int classSize = number("bench.class-size", full ? 10 : 4, 1);
        int tests = number("bench.tests", full ? 30 : 4, 1);
        int slowTests = number("bench.slow-tests", full ? 10 : 4, 1);
        if (slowTests % classSize != 0) {
            throw new IllegalArgumentException("-Dbench.slow-tests=" + slowTests + " is not a multiple of the class size "
                    + classSize + " (-Dbench.class-size).");
        }
        List<Integer> work = new java.util.ArrayList<>();
        for (String w : property("bench.work", "0,10,50").split(",")) {
            try {
                work.add(Integer.parseInt(w.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Dbench.work=" + w + " is not a comma-separated list of milliseconds.");
            }
        }
        return new SuiteConfig(mode, tests, slowTests, number("bench.rounds", full ? 3 : 1, 1), classSize,
                number("bench.warmup-tests", full ? 10 : 2, 1), number("bench.cold-starts", full ? 5 : 1, 0),
                List.copyOf(work), Boolean.parseBoolean(property("bench.write-docs", "false")), root, fixtures);
    }

    boolean full() {
        return mode.equals("full");
    }

    Path output() {
        return root.resolve("benchmarks/target/results-suite.md");
    }

    private static String property(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int number(String key, int fallback, int min) {
        return Config.positive(key, fallback, min);
    }
}
