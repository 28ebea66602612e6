package io.github.pgfixture.benchmarks;

import io.github.pgfixture.benchmarks.spring.app.BenchTests;
import io.github.pgfixture.benchmarks.spring.app.DirtiesContextPerMethod;
import io.github.pgfixture.benchmarks.spring.app.PgfixturePerMethod;
import io.github.pgfixture.benchmarks.spring.app.ZonkyPerMethod;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@code -Dbench.run=spring}: the per-test cost of isolating Spring Boot tests, each test on a fresh
 * database. Three ways, in one JVM, interleaved round by round ({@code bench.spring.rounds}, 4): pgfixture-spring's
 * {@code @AutoConfigureTempDatabase(isolation = METHOD)}, embedded-database-spring-test with its zonky provider
 * and {@code refresh = AFTER_EACH_TEST_METHOD}, and {@code @DirtiesContext(AFTER_EACH_TEST_METHOD)}. Each
 * round runs each class's {@value BenchTests#TESTS} tests through the JUnit Platform launcher; a test's time
 * is JUnit's, from its start to its end (callbacks and the test; JUnit makes the test instance, and Spring
 * injects it and loads a context it lacks, before the start), and a test's cost is its class's time divided
 * by its tests, which has it all. The first round starts the contexts and servers and is reported apart.
 */
public final class SpringBenchmark {

    private static final Map<String, Class<?>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("pgfixture-spring, Isolation.METHOD", PgfixturePerMethod.class);
        SCENARIOS.put("embedded-database-spring-test, ZONKY, AFTER_EACH_TEST_METHOD", ZonkyPerMethod.class);
        SCENARIOS.put("@DirtiesContext(AFTER_EACH_TEST_METHOD), pgfixture clone per context", DirtiesContextPerMethod.class);
    }

    private SpringBenchmark() {
    }

    public static void main(String[] args) {
        Main.runAndExit(SpringBenchmark::run);
    }

    private static void run() throws Exception {
        int rounds = Integer.getInteger("bench.spring.rounds", 4);
        if (rounds < 2) {
            throw new IllegalArgumentException("-Dbench.spring.rounds must be at least 2 (the first is the warm-up).");
        }
        Launcher launcher = LauncherFactory.create();
        Map<String, List<Double>> first = new LinkedHashMap<>();
        Map<String, List<Double>> later = new LinkedHashMap<>();
        Map<String, Double> firstClass = new LinkedHashMap<>();
        Map<String, List<Double>> laterClass = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Class<?>> scenario : SCENARIOS.entrySet()) {
                Timing timing = new Timing();
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(scenario.getValue())).build();
                long start = System.nanoTime();
                launcher.execute(request, timing);
                double classMs = (System.nanoTime() - start) / 1e6;
                if (timing.failures > 0 || timing.tests.size() != BenchTests.TESTS) {
                    throw new IllegalStateException(scenario.getKey() + ": " + timing.failures + " failed, "
                            + timing.tests.size() + " ran of " + BenchTests.TESTS + "; first failure: " + timing.firstFailure);
                }
                if (round == 1) {
                    first.put(scenario.getKey(), timing.tests);
                    firstClass.put(scenario.getKey(), classMs);
                } else {
                    later.computeIfAbsent(scenario.getKey(), k -> new ArrayList<>()).addAll(timing.tests);
                    laterClass.computeIfAbsent(scenario.getKey(), k -> new ArrayList<>()).add(classMs);
                }
                System.out.printf("round %d: %s: class %.0f ms, test p50 %.1f ms%n", round, scenario.getKey(), classMs,
                        percentile(timing.tests, 50));
            }
        }
        String report = report(rounds, first, later, firstClass, laterClass);
        System.out.println(report);
        Path output = Path.of(System.getProperty("bench.output", "target/results-spring.md").replace("results-clone", "results-spring"));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, report);
    }

    private static String report(int rounds, Map<String, List<Double>> first, Map<String, List<Double>> later,
                                 Map<String, Double> firstClass, Map<String, List<Double>> laterClass) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Spring benchmark, %s, %d rounds of %d tests per way (round 1 apart), load average %.2f, %d cores%n%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), rounds, BenchTests.TESTS,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        out.append("| way | per test: class ÷ tests (median round) | JUnit's test time p50 | p90 | mean | max | class, rounds 2+ (median) | round 1: class |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String way : SCENARIOS.keySet()) {
            List<Double> tests = later.get(way);
            double classMs = percentile(laterClass.get(way), 50);
            out.append(String.format("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.0f ms | %.0f ms |%n", way,
                    classMs / BenchTests.TESTS, percentile(tests, 50), percentile(tests, 90),
                    tests.stream().mapToDouble(d -> d).average().orElseThrow(), percentile(tests, 100), classMs,
                    firstClass.get(way)));
        }
        return out.toString();
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Per-test times of one launcher run. */
    private static final class Timing implements TestExecutionListener {
        final List<Double> tests = new ArrayList<>();
        final Map<String, Long> started = new ConcurrentHashMap<>();
        int failures;
        Throwable firstFailure;

        @Override
        public void executionStarted(TestIdentifier test) {
            if (test.isTest()) {
                started.put(test.getUniqueId(), System.nanoTime());
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = result.getThrowable().orElse(null);
                }
            }
            if (test.isTest()) {
                tests.add((System.nanoTime() - started.remove(test.getUniqueId())) / 1e6);
            }
        }
    }
}
