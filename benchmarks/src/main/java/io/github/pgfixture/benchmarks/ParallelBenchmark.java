package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code -Dbench.run=parallel} (issue 15, point 1): a suite of N tests run by T threads at once, each test
 * with a database of its own and W ms of work, for pgfixture's ready clones, a raw clone on the test's
 * path ({@code FILE_COPY}, and {@code WAL_LOG} for issue 15's point 3), zonky's {@code PreparedDbProvider}, and the floor (the same tests on one shared database). Per
 * suite: each test's overhead (its time less its work) and the suite's wall time. The contenders run
 * interleaved, rotated each round, on the 50-table fixture.
 *
 * <p>Settings (pass them through {@code -Dbench.jvmArgs="-D..."}): {@code bench.parallel-tests} (N, default
 * 100), {@code bench.threads} (default: cores and 2 × cores), {@code bench.work} (W in ms, default
 * {@code 0,10,50}), {@code bench.rounds} (default 1 quick, 3 with {@code bench.mode=full}), plus a warm-up
 * suite per contender of {@code bench.parallel-warmup} tests (default 20; a few hundred let the JIT
 * compile each contender's path before the timed suites). Results on stdout and in {@code benchmarks/target/results-parallel.md}.
 */
final class ParallelBenchmark {

    private ParallelBenchmark() {
    }

    public static void main(String[] args) {
        Main.runAndExit(ParallelBenchmark::run);
    }

    /**
     * One suite's figures: {@code wallNanos} from the first test's start to the last test's end;
     * {@code drainNanos} the wait after it for what the tests left running in the background (drops);
     * {@code jvmCpuNanos} and {@code serverCpuNanos} the CPU time this JVM and the contender's server spent
     * from the first test's start to the end of the suite's clean-up.
     */
    record Run(String contender, int threads, int work, long[] overheads, long wallNanos, long drainNanos,
               long jvmCpuNanos, long serverCpuNanos) {
    }

    private static void run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        SuiteConfig config = SuiteConfig.fromSystemProperties();
        int tests = Config.positive("bench.parallel-tests", 100, 1);
        int rounds = config.rounds();
        List<Integer> threads = ints(System.getProperty("bench.threads", cores + "," + 2 * cores));
        List<Integer> work = config.work();
        Path scratch = Files.createTempDirectory("pgfixture-bench-parallel-");
        String loadAtStart = MachineFacts.loadAverage();
        List<Run> runs = new ArrayList<>();
        List<ParallelContender> contenders = new ArrayList<>();
        try {
            Fixture fixture = Fixture.of("50 tables", "bench50", config.fixtures().resolve(Fixture.FIFTY_TABLES), scratch);
            SharedCluster cluster = SharedCluster.get();
            String template = cluster.ensureTemplate(fixture.template());
            Path data;
            String maxConnections;
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"))) {
                data = Path.of(Sql.scalar(c, "SHOW data_directory"));
                maxConnections = Sql.scalar(c, "SHOW max_connections");
            }
            int most = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
            contenders.add(ParallelContender.pgfixture(cluster, fixture, data));
            contenders.add(ParallelContender.rawClone(cluster, template, "FILE_COPY", data));
            contenders.add(ParallelContender.rawClone(cluster, template, "WAL_LOG", data));
            contenders.add(ParallelContender.zonky(fixture, data.getParent().getParent(), maxConnections));
            contenders.add(ParallelContender.sharedDatabase(cluster, template, most, data));
            int warmUp = Config.positive("bench.parallel-warmup", 20, 1);
            for (ParallelContender contender : contenders) {
                System.err.printf("warm-up: %s, %d tests%n", contender.name(), warmUp);
                suite(contender, most, 0, warmUp);
            }
            for (int round = 0; round < rounds; round++) {
                for (int t : threads) {
                    for (int w : work) {
                        for (int i = 0; i < contenders.size(); i++) {
                            ParallelContender contender = contenders.get((i + round) % contenders.size());
                            Run r = suite(contender, t, w, tests);
                            runs.add(r);
                            System.err.printf(Locale.ROOT, "round %d/%d, T = %d, W = %d ms, %-26s wall %8.1f ms%n",
                                    round + 1, rounds, t, w, contender.name() + ":", r.wallNanos() / 1e6);
                        }
                    }
                }
            }
        } finally {
            for (ParallelContender contender : contenders) {
                contender.close();
            }
            SuiteBenchmark.deleteTree(scratch);
        }
        String report = ParallelReport.markdown(runs, tests, cores, loadAtStart + " / " + MachineFacts.loadAverage());
        System.out.print(report);
        Path output = config.root().resolve("benchmarks/target/results-parallel.md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report);
        System.err.println("written to " + output);
    }

    /** N tests on T threads, then the contender's drain (timed apart), then its untimed clean-up. */
    private static Run suite(ParallelContender contender, int threads, int work, int tests) throws Exception {
        long[] overheads = new long[tests];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long jvmCpu = CpuClock.jvmNanos();
        long serverCpu = CpuClock.serverNanos(contender.dataDirectory());
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < tests; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    SuiteScenario.Work w = new SuiteScenario.Work(work);
                    long testStart = System.nanoTime();
                    contender.test(w);
                    overheads[index] = System.nanoTime() - testStart - w.spentNanos();
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        long wall = System.nanoTime() - start;
        contender.drain();
        long drain = System.nanoTime() - start - wall;
        contender.afterSuite();
        return new Run(contender.name(), threads, work, overheads, wall, drain, CpuClock.jvmNanos() - jvmCpu,
                CpuClock.serverNanos(contender.dataDirectory()) - serverCpu);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }
}
