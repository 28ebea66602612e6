package io.github.pgfixture.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parallel benchmark's Markdown: per thread count T and work W, each contender's per-test overhead
 * (all rounds pooled) and its median suite wall time, then the ratios issue 15 sets targets for.
 */
final class ParallelReport {

    static final String PGFIXTURE = "pgfixture, ready clones";
    static final String RAW = "raw clone on the path";
    static final String ZONKY = "zonky PreparedDbProvider";
    static final String SHARED = "one shared database (floor)";

    private ParallelReport() {
    }

    static String markdown(List<ParallelBenchmark.Run> runs, int tests, int cores, String load) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Parallel suites: %d tests on T threads, %d cores%n%n", tests, cores));
        out.append("Load average (1, 5, 15 min) at start / end: ").append(load).append("\n\n");
        out.append("CPU per test: the CPU time this JVM and the contender's server spent over the suite, its drain and "
                + "its clean-up, divided by the tests (median over rounds); CPU-bound wall: N tests × that CPU ÷ "
                + cores + " cores, the least wall time the suite could take on this machine if nothing waited.\n\n");
        out.append("| T | W ms | contender | overhead p50 | p90 | mean | suite wall ms (median) | drain ms "
                + "| CPU ms per test: JVM | server | CPU-bound wall ms |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<ParallelBenchmark.Run>> groups = new LinkedHashMap<>();
        for (ParallelBenchmark.Run run : runs) {
            groups.computeIfAbsent(run.threads() + "/" + run.work() + "/" + run.contender(), k -> new ArrayList<>()).add(run);
        }
        Map<String, Double> wall = new LinkedHashMap<>();
        Set<String> cells = new LinkedHashSet<>();
        for (List<ParallelBenchmark.Run> group : groups.values()) {
            ParallelBenchmark.Run first = group.get(0);
            Stats overhead = Stats.of(group.stream().flatMapToLong(r -> java.util.Arrays.stream(r.overheads())).toArray());
            double wallMs = Stats.of(group.stream().mapToLong(ParallelBenchmark.Run::wallNanos).toArray()).p50();
            double drainMs = Stats.of(group.stream().mapToLong(ParallelBenchmark.Run::drainNanos).toArray()).p50();
            double jvmCpu = Stats.of(group.stream().mapToLong(ParallelBenchmark.Run::jvmCpuNanos).toArray()).p50() / tests;
            double serverCpu = Stats.of(group.stream().mapToLong(ParallelBenchmark.Run::serverCpuNanos).toArray()).p50() / tests;
            String cell = first.threads() + "/" + first.work();
            cells.add(cell);
            wall.put(cell + "/" + first.contender(), wallMs);
            out.append(String.format(Locale.ROOT, "| %d | %d | %s | %.1f | %.1f | %.1f | %.0f | %.0f | %.1f | %.1f | %.0f |%n",
                    first.threads(), first.work(), first.contender(), overhead.p50(), overhead.p90(), overhead.mean(),
                    wallMs, drainMs, jvmCpu, serverCpu, tests * (jvmCpu + serverCpu) / cores));
        }
        out.append("\n| T | W ms | pgfixture wall / raw clone wall (target ≤ 0.5) | zonky wall / pgfixture wall (target ≥ 10) "
                + "| pgfixture wall / shared-database wall |\n|---|---|---|---|---|\n");
        for (String cell : cells) {
            String[] tw = cell.split("/");
            Double pgf = wall.get(cell + "/" + PGFIXTURE);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", tw[0], tw[1],
                    ratio(pgf, wall.get(cell + "/" + RAW)), ratio(wall.get(cell + "/" + ZONKY), pgf),
                    ratio(pgf, wall.get(cell + "/" + SHARED))));
        }
        return out.toString();
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? "—" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
