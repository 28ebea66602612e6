package io.github.pgfixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a regular test: a timing program, run by hand, that splits a test's path through the ready clones
 * into its phases (take a clone, borrow a connection, return it, close the database) on 1, 2 and 4
 * threads at W = 0 and 10 ms of work, and prints p50 / p90 / mean per phase, the suite's wall time, the
 * drain ({@code awaitDrops}) and how many clones were made on demand or waited for. It asserts nothing
 * about time (issue 15; figures in ADR 16). The overhead column includes the sleep's overshoot.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl lib test -Dtest=PathProbeTest -Dpgfixture.probe=true | grep PROBE
 * </pre>
 */
@EnabledIfSystemProperty(named = "pgfixture.probe", matches = "true")
class PathProbeTest {

    @Test
    void phases() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = TestTemplates.fiftyTables("probe");
        cluster.temporaryDatabase(t).close();
        for (int threads : new int[] {1, 2, 4}) {
            for (int work : new int[] {0, 10}) {
                run(cluster, t, threads, work, 20); // warm
                run(cluster, t, threads, work, 60);
            }
        }
        cluster.awaitDrops(java.time.Duration.ofSeconds(60));
        cluster.forceDropDatabase(t.name());
    }

    private static void run(SharedCluster cluster, Template t, int threads, int work, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> fs = new ArrayList<>();
        long before = cluster.clonesMadeOnDemand();
        long waitsBefore = cluster.clonesWaitedFor();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fs.add(pool.submit(() -> {
                long[] laps = new long[5];
                long a = System.nanoTime();
                TemporaryDatabase db = cluster.temporaryDatabase(t);
                long b = System.nanoTime();
                Connection c = db.dataSource().getConnection();
                long c1 = System.nanoTime();
                try (Statement s = c.createStatement()) { s.execute("SELECT 1"); }
                Thread.sleep(work);
                long d = System.nanoTime();
                c.close();
                long e = System.nanoTime();
                db.close();
                long f = System.nanoTime();
                laps[0] = b - a; laps[1] = c1 - b; laps[2] = e - d; laps[3] = f - e; laps[4] = (f - a) - work * 1_000_000L;
                return laps;
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : fs) all.add(f.get());
        long wall = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        long drainStart = System.nanoTime();
        cluster.awaitDrops(java.time.Duration.ofSeconds(60));
        long drain = (System.nanoTime() - drainStart) / 1_000_000;
        String[] names = {"take", "getConn", "connClose", "dbClose", "overhead"};
        StringBuilder sb = new StringBuilder(String.format("PROBE T=%d W=%d n=%d wall=%d ms drain=%d ms onDemand=%d waited=%d |",
                threads, work, n, wall, drain, cluster.clonesMadeOnDemand() - before, cluster.clonesWaitedFor() - waitsBefore));
        for (int k = 0; k < 5; k++) {
            double[] v = new double[all.size()];
            for (int i = 0; i < v.length; i++) v[i] = all.get(i)[k] / 1e6;
            Arrays.sort(v);
            double mean = Arrays.stream(v).average().orElse(0);
            sb.append(String.format(" %s p50 %.1f p90 %.1f mean %.1f |", names[k], v[v.length / 2], v[(int) (v.length * 0.9)], mean));
        }
        System.out.println(sb);
    }
}
