package io.github.pgfixture.benchmarks;

import io.github.pgfixture.internal.server.WarmServerControl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -Dbench.run=warm}: the second run of a suite against the warm server the first one left up
 * (issue 13), beside zonky's cold start and the JVM's own start, in fresh JVMs ({@link ColdStart}),
 * interleaved round by round so that the machine's load falls on all alike. One priming run boots the
 * warm server and builds the template (50 tables); then {@code bench.warm-starts} rounds (default 10)
 * of: a JVM that only reaches {@code main} (its own start), a pgfixture JVM that attaches to the warm
 * server and gets a first usable clone, a JVM that does the least anyone could with plain JDBC on that
 * server (clone, connect, query: the floor of a fresh JVM), a zonky JVM that boots a cluster, migrates and gets a first
 * database ({@code PreparedDbProvider}). The warm server lives in a folder of its own and is stopped
 * at the end.
 */
final class WarmBenchmark {

    private WarmBenchmark() {
    }

    public static void main(String[] args) {
        Main.runAndExit(WarmBenchmark::run);
    }

    private static void run() throws Exception {
        int rounds = Integer.parseInt(System.getProperty("bench.warm-starts", "10"));
        Path root = Path.of(System.getProperty("bench.root", ".."));
        String fixturesProperty = System.getProperty("pgfixture.fixtures", "");
        Path fixtures = fixturesProperty.isBlank() ? root.resolve("../shared/fixtures").normalize() : Path.of(fixturesProperty);
        Path sql = fixtures.resolve(Fixture.FIFTY_TABLES);
        if (!Files.isRegularFile(sql)) {
            throw new IllegalArgumentException("The fixture " + sql + " does not exist; point -Dpgfixture.fixtures at "
                    + "the folder that holds " + Fixture.FIFTY_TABLES + ".");
        }
        Path target = Files.createDirectories(root.resolve("benchmarks/target"));
        Path work = Files.createTempDirectory(target, "warm-");
        Path storage = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        Fixture fixture = Fixture.of("50 tables", "fifty", sql, work);
        Path log = target.resolve("warm-start.log");
        Files.deleteIfExists(log);
        List<String> warm = List.of("-Dpgfixture.keep-alive=60s", "-Dpgfixture.warm-dir=" + work.resolve("warm"));
        try {
            ColdStarts.Cold first = ColdStarts.once("warm", fixture, storage, "300", log, warm);
            System.out.printf("first run (boots the warm server, builds the template): %d ms since JVM start%n",
                    first.sinceJvmMillis());
            long[][] sinceJvm = new long[4][rounds];
            long[][] sinceMain = new long[4][rounds];
            List<String> tools = List.of("baseline", "warm", "jdbc", "zonky");
            for (int i = 0; i < rounds; i++) {
                for (int t = 0; t < tools.size(); t++) {
                    ColdStarts.Cold run = ColdStarts.once(tools.get(t), fixture, storage, "300", log,
                            tools.get(t).equals("zonky") || tools.get(t).equals("baseline") ? List.of("-Dpgfixture.keep-alive=0") : warm);
                    sinceJvm[t][i] = run.sinceJvmMillis() * 1_000_000;
                    sinceMain[t][i] = (long) (run.sinceMainMillis() * 1_000_000);
                }
                System.out.printf("round %d/%d: own start %d ms, warm %d ms, plain JDBC %d ms, zonky cold %d ms (since JVM start)%n",
                        i + 1, rounds, sinceJvm[0][i] / 1_000_000, sinceJvm[1][i] / 1_000_000, sinceJvm[2][i] / 1_000_000,
                        sinceJvm[3][i] / 1_000_000);
            }
            System.out.printf("%nWarm start, %d interleaved rounds of fresh JVMs, fixture 50 tables, data under %s, load %s%n",
                    rounds, storage, MachineFacts.loadAverage());
            String[] names = {"JVM's own start (main reached)", "pgfixture, warm server: first usable clone",
                    "plain JDBC, same server: clone + connect", "zonky cold start: first usable database"};
            for (int t = 0; t < tools.size(); t++) {
                Stats j = Stats.of(sinceJvm[t]);
                Stats m = Stats.of(sinceMain[t]);
                System.out.printf("  %-46s since JVM start p50 %7.1f ms p90 %7.1f ms | since main p50 %7.1f ms p90 %7.1f ms%n",
                        names[t], j.p50(), j.p90(), m.p50(), m.p90());
            }
            long[] overBaseline = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                overBaseline[i] = sinceJvm[1][i] - sinceJvm[0][i];
            }
            Stats over = Stats.of(overBaseline);
            System.out.printf("warm minus own start, per round: p50 %.1f ms, p90 %.1f ms (goal: at most 200 ms)%n",
                    over.p50(), over.p90());
            System.out.printf("zonky cold / pgfixture warm, p50: %.1fx since main, %.1fx since JVM start (goal: 10x)%n",
                    Stats.of(sinceMain[3]).p50() / Stats.of(sinceMain[1]).p50(),
                    Stats.of(sinceJvm[3]).p50() / Stats.of(sinceJvm[1]).p50());
        } finally {
            WarmServerControl.stopAll(work.resolve("warm"));
        }
    }
}
