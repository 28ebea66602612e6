package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clone benchmark: what a test pays for a database of its own, with pgfixture and with raw SQL, on one
 * embedded cluster and one template ({@code bench-50-tables.sql}). Settings: see {@link Config}.
 * Results go to stdout and to {@code benchmarks/target/results-clone.md}; progress to stderr.
 *
 * <p>Run it as docs/benchmarks.md says. It exits when done, and the JVM's exit stops the cluster.
 */
public final class CloneBenchmark {

    static final String TEMPLATE = "bench_template_50_tables";

    private CloneBenchmark() {
    }

    public static void main(String[] args) {
        Main.runAndExit(CloneBenchmark::run);
    }

    private static void run() throws Exception {
        Config config = Config.fromSystemProperties();
        System.err.println("template: " + config.templateSql());
        SharedCluster cluster = SharedCluster.get();
        String templateFacts = Template.load(cluster, TEMPLATE, config.templateSql());
        System.err.println("template loaded: " + templateFacts);
        Map<String, String> facts = MachineFacts.collect(cluster);

        String markdown;
        try (RawCloneScenarios raw = new RawCloneScenarios(cluster, TEMPLATE)) {
            PgfixtureScenarios pgfixture = new PgfixtureScenarios(cluster, TEMPLATE);
            List<Scenario> scenarios = new ArrayList<>(List.of(raw.fileCopy(), raw.walLog(), pgfixture.pooled(), pgfixture.url()));
            if (config.diagnose()) {
                scenarios.add(pgfixture.pooledSplit());
                scenarios.add(raw.fileCopyDropAfterExit());
            }
            List<Runner.Result> results = new Runner(scenarios, System.err).run(config.warmup(), config.iterations());
            markdown = Report.markdown(results, config, templateFacts, facts);
        }
        cluster.forceDropDatabase(TEMPLATE);

        System.out.print(markdown);
        Files.createDirectories(config.output().getParent());
        Files.writeString(config.output(), markdown);
        System.err.println("written to " + config.output());
    }
}
