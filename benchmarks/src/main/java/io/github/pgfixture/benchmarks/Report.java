package io.github.pgfixture.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as Markdown: summary table, ratios to the baseline, phases, scenarios, machine facts. */
final class Report {

    static final String BASELINE = "raw FILE_COPY";
    static final String TARGET_SCENARIO = "pgfixture";
    static final double TARGET_RATIO = 1.3;
    /** Runs at least this slow are counted: PostgreSQL's DROP DATABASE sleeps 100 ms when it finds the
     *  database still in use, e.g. by a backend that is still exiting after its client closed. */
    static final int SLOW_MS = 50;

    private Report() {
    }

    static String markdown(List<Runner.Result> results, Config config, String templateFacts, Map<String, String> facts) {
        Runner.Result baseline = results.stream().filter(r -> r.scenario().name().equals(BASELINE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + BASELINE + " scenario"));
        Stats base = Stats.of(baseline.totals());
        StringBuilder md = new StringBuilder();
        md.append("# Clone benchmark: a fresh database from a template, one query, gone again\n\n");
        md.append(String.format(Locale.ROOT, "%d runs per scenario after %d warm-up rounds, scenarios interleaved "
                + "round-robin. Template `%s`: %s. Times in ms.%n%n", config.iterations(), config.warmup(),
                config.templateSql().getFileName(), templateFacts));

        md.append("| scenario | p50 | p90 | max | mean | p50 / raw FILE_COPY | mean / raw FILE_COPY | runs ≥ "
                + SLOW_MS + " ms |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        Stats target = null;
        for (Runner.Result r : results) {
            Stats s = Stats.of(r.totals());
            if (r.scenario().name().equals(TARGET_SCENARIO)) {
                target = s;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f× | %.2f× | %d |%n",
                    r.scenario().name(), s.p50(), s.p90(), s.max(), s.mean(), s.p50() / base.p50(), s.mean() / base.mean(),
                    countAtLeast(r.totals(), SLOW_MS)));
        }
        if (target != null) {
            double p50 = target.p50() / base.p50();
            double mean = target.mean() / base.mean();
            md.append(String.format(Locale.ROOT, "%nTarget: `%s` at most %.1f× `%s`. p50 %.2f×, mean %.2f×: %s.%n",
                    TARGET_SCENARIO, TARGET_RATIO, BASELINE, p50, mean,
                    p50 <= TARGET_RATIO && mean <= TARGET_RATIO ? "met" : "missed"));
        }

        md.append("\n## Phases (p50 / mean, ms; runs with a phase ≥ " + SLOW_MS + " ms in brackets)\n");
        List<String> header = null;
        for (Runner.Result r : results) {
            List<String> phases = r.scenario().phases();
            if (!phases.equals(header)) {
                header = phases;
                md.append("\n| scenario |");
                for (String phase : phases) {
                    md.append(' ').append(phase).append(" |");
                }
                md.append("\n|---|").append("--:|".repeat(phases.size())).append('\n');
            }
            md.append("| ").append(r.scenario().name()).append(" |");
            for (int p = 0; p < r.phases().length; p++) {
                Stats s = Stats.of(r.phases()[p]);
                int slow = countAtLeast(r.phases()[p], SLOW_MS);
                md.append(String.format(Locale.ROOT, " %.2f / %.2f%s |", s.p50(), s.mean(), slow == 0 ? "" : " [" + slow + "]"));
            }
            md.append('\n');
        }

        md.append("\n## Scenarios\n\n");
        for (Runner.Result r : results) {
            md.append("- **").append(r.scenario().name()).append("**: ").append(r.scenario().description()).append('\n');
        }

        md.append("\n## Machine\n\n| | |\n|---|---|\n");
        facts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return md.toString();
    }

    private static int countAtLeast(long[] nanos, int millis) {
        int n = 0;
        for (long v : nanos) {
            if (v >= millis * 1_000_000L) {
                n++;
            }
        }
        return n;
    }
}
