package io.github.pgfixture.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs suites: N tests of one scenario on one fixture with W ms of work each. A round runs every
 * (fixture, W, scenario) once, the scenarios' order rotated by one each round, so that drift of a
 * shared machine spreads over all of them; warm-up suites, thrown away, come first.
 */
final class SuiteRunner {

    /** One suite: each test's overhead (its time less its W ms of work), the suite's wall time, peaks. */
    record SuiteRun(String scenario, String fixture, int work, long[] overheads, long totalNanos, long drainNanos,
                    MemorySampler.Peak peak) {
    }

    private final List<SuiteScenario> scenarios;
    private final List<Fixture> fixtures;
    private final MemorySampler sampler;
    private final PrintStream progress;

    SuiteRunner(List<SuiteScenario> scenarios, List<Fixture> fixtures, MemorySampler sampler, PrintStream progress) {
        this.scenarios = List.copyOf(scenarios);
        this.fixtures = List.copyOf(fixtures);
        this.sampler = sampler;
        this.progress = progress;
    }

    void warmUp(int tests) throws Exception {
        for (Fixture fixture : fixtures) {
            for (SuiteScenario scenario : scenarios) {
                // the slow scenarios (a migration or a cluster per test or class) warm up on 10 at most
                int n = scenario.slow() ? Math.min(tests, 10) : tests;
                progress.printf("warm-up: %s on %s, %d tests%n", scenario.name(), fixture.name(), n);
                suite(scenario, fixture, 0, n);
            }
        }
    }

    /** {@code slowTests}: the tests per suite of the {@link SuiteScenario#slow()} scenarios. */
    List<SuiteRun> run(int rounds, List<Integer> work, int tests, int slowTests) throws Exception {
        List<SuiteRun> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (Fixture fixture : fixtures) {
                for (int w : work) {
                    for (int s = 0; s < scenarios.size(); s++) {
                        SuiteScenario scenario = scenarios.get((s + round) % scenarios.size());
                        SuiteRun run = suite(scenario, fixture, w, scenario.slow() ? slowTests : tests);
                        runs.add(run);
                        progress.printf("round %d/%d, %s, W = %d ms, %-26s suite %8.1f ms%n", round + 1, rounds,
                                fixture.name(), w, scenario.name() + ":", run.totalNanos() / 1e6);
                    }
                }
            }
        }
        return runs;
    }

    private SuiteRun suite(SuiteScenario scenario, Fixture fixture, int w, int tests) throws Exception {
        scenario.beforeSuite(fixture, tests);
        long[] overheads = new long[tests];
        sampler.start(() -> scenario.dataDirectories(fixture));
        long start = System.nanoTime();
        for (int i = 0; i < tests; i++) {
            SuiteScenario.Work work = new SuiteScenario.Work(w);
            long testStart = System.nanoTime();
            try {
                scenario.test(fixture, i, tests, work);
            } catch (Exception | Error e) {
                throw new IllegalStateException("Scenario '" + scenario.name() + "' failed in test " + i + " on "
                        + fixture.name() + ": " + e, e);
            }
            overheads[i] = System.nanoTime() - testStart - work.spentNanos();
        }
        long total = System.nanoTime() - start;
        scenario.drain(fixture);
        long drain = System.nanoTime() - start - total;
        MemorySampler.Peak peak = sampler.stop();
        scenario.afterSuite(fixture);
        return new SuiteRun(scenario.name(), fixture.name(), w, overheads, total, drain, peak);
    }
}
