package io.github.pgfixture.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scenarios interleaved round-robin (A B C A B C ...), first {@code warmup} rounds that are thrown
 * away, then {@code iterations} rounds that are kept. Interleaving spreads drift of a shared machine
 * (other load, caches, the server's own state) evenly over the scenarios.
 */
final class Runner {

    /** Every kept run of one scenario: total and per-phase times in nanoseconds. */
    record Result(Scenario scenario, long[] totals, long[][] phases) {
    }

    private final List<Scenario> scenarios;
    private final PrintStream progress;
    private int sequence;

    Runner(List<Scenario> scenarios, PrintStream progress) {
        this.scenarios = List.copyOf(scenarios);
        this.progress = progress;
    }

    List<Result> run(int warmup, int iterations) throws Exception {
        List<Laps> laps = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            laps.add(new Laps(scenario.phases().size()));
        }
        progress.printf("warm-up: %d rounds of %d scenarios%n", warmup, scenarios.size());
        for (int round = 0; round < warmup; round++) {
            for (int s = 0; s < scenarios.size(); s++) {
                runOnce(scenarios.get(s), laps.get(s));
            }
        }
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            results.add(new Result(scenario, new long[iterations], new long[scenario.phases().size()][iterations]));
        }
        progress.printf("measuring: %d rounds%n", iterations);
        for (int round = 0; round < iterations; round++) {
            for (int s = 0; s < scenarios.size(); s++) {
                Laps l = laps.get(s);
                runOnce(scenarios.get(s), l);
                Result r = results.get(s);
                r.totals()[round] = l.total();
                for (int p = 0; p < r.phases().length; p++) {
                    r.phases()[p][round] = l.phase(p);
                }
            }
            if ((round + 1) % 50 == 0) {
                progress.printf("  %d/%d%n", round + 1, iterations);
            }
        }
        return results;
    }

    private void runOnce(Scenario scenario, Laps laps) throws Exception {
        String database = "bench_" + (++sequence);
        laps.start();
        try {
            scenario.run(database, laps);
        } catch (Exception | Error e) {
            throw new IllegalStateException("Scenario '" + scenario.name() + "' failed on database " + database + ": " + e, e);
        }
        if (laps.phasesDone() != scenario.phases().size()) {
            throw new IllegalStateException("Scenario '" + scenario.name() + "' timed " + laps.phasesDone()
                    + " phases, but declares " + scenario.phases().size());
        }
    }
}
