package io.github.pgfixture.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** The suite runs and cold starts of one benchmark run, summarized per scenario, fixture and W. */
final class SuiteResults {

    static final String POOL = "pgfixture, pool";
    static final String RAW = "raw FILE_COPY";

    private final List<SuiteRunner.SuiteRun> runs;
    private final List<ColdStarts.Cold> colds;

    SuiteResults(List<SuiteRunner.SuiteRun> runs, List<ColdStarts.Cold> colds) {
        this.runs = List.copyOf(runs);
        this.colds = List.copyOf(colds);
    }

    List<String> scenarios() {
        return distinct(runs.stream().map(SuiteRunner.SuiteRun::scenario).toList());
    }

    List<String> fixtures() {
        return distinct(runs.stream().map(SuiteRunner.SuiteRun::fixture).toList());
    }

    List<Integer> works() {
        return distinct(runs.stream().map(SuiteRunner.SuiteRun::work).toList());
    }

    int testsPerSuite(String scenario, String fixture, int work) {
        return matching(scenario, fixture, work).get(0).overheads().length;
    }

    /** Per-test overhead over every test of every round. */
    Stats overhead(String scenario, String fixture, int work) {
        List<SuiteRunner.SuiteRun> matching = matching(scenario, fixture, work);
        long[] all = matching.stream().flatMapToLong(r -> Arrays.stream(r.overheads())).toArray();
        return Stats.of(all);
    }

    /** Median over rounds of the suite's wall time, in ms. */
    double suiteTotalMillis(String scenario, String fixture, int work) {
        return median(matching(scenario, fixture, work).stream().mapToLong(SuiteRunner.SuiteRun::totalNanos).toArray()) / 1e6;
    }

    /** Tests per second with W = 0, counting the suite's background drops (median over rounds). */
    double throughput(String scenario, String fixture) {
        List<SuiteRunner.SuiteRun> matching = matching(scenario, fixture, 0);
        if (matching.isEmpty()) {
            return Double.NaN;
        }
        long nanos = median(matching.stream().mapToLong(r -> r.totalNanos() + r.drainNanos()).toArray());
        return matching.get(0).overheads().length / (nanos / 1e9);
    }

    /** The largest peaks over every suite of the scenario on the fixture. */
    MemorySampler.Peak peak(String scenario, String fixture) {
        MemorySampler.Peak peak = null;
        for (SuiteRunner.SuiteRun r : runs) {
            if (r.scenario().equals(scenario) && r.fixture().equals(fixture)) {
                peak = MemorySampler.Peak.max(peak, r.peak());
            }
        }
        return peak;
    }

    List<ColdStarts.Cold> colds(String tool, String fixture) {
        return colds.stream().filter(c -> c.tool().equals(tool) && c.fixture().equals(fixture)).toList();
    }

    List<ColdStarts.Cold> colds() {
        return colds;
    }

    private List<SuiteRunner.SuiteRun> matching(String scenario, String fixture, int work) {
        List<SuiteRunner.SuiteRun> matching = new ArrayList<>();
        for (SuiteRunner.SuiteRun r : runs) {
            if (r.scenario().equals(scenario) && r.fixture().equals(fixture) && r.work() == work) {
                matching.add(r);
            }
        }
        return matching;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[(sorted.length - 1) / 2];
    }

    private static <T> List<T> distinct(List<T> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
