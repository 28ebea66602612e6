package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code -Dbench.run=first-connection}: what the first connection to a just-made clone costs against a
 * second one to the same clone and one to a database connected to long before, and whether the
 * relation-cache init file ({@code pg_internal.init} in {@code base/<oid>/}) that a {@code FILE_COPY}
 * clone inherits from its template changes that (issue 15, ADR 16). Two templates of the same 50 tables,
 * both built by pgfixture ({@code ensureTemplateExists}): one whose init file is then removed by hand (the
 * state of a template after a server restart, with a setup that ended with {@code ANALYZE} before ADR 16,
 * or cloned with {@code WAL_LOG}, which copies no such file), and one that has it (one connection after
 * the build, allowed for that moment). First it prints whether templates have the file right after
 * {@code ensureTemplateExists}, also for setups that end with {@code ANALYZE} or {@code VACUUM ANALYZE}.
 * Then each round clones each template ({@code STRATEGY FILE_COPY}), notes whether the clone has the
 * file, and times: {@code CREATE DATABASE}, a first connection with {@code SELECT 1}, a second, one to an
 * old database; then drops the clone. Templates in rotating order; {@code bench.warmup} rounds thrown
 * away, {@code bench.iterations} kept (default 200).
 */
final class FirstConnectionBenchmark {

    private static final String INIT_FILE = "pg_internal.init";

    private FirstConnectionBenchmark() {
    }

    public static void main(String[] args) {
        Main.runAndExit(FirstConnectionBenchmark::run);
    }

    private static void run() throws Exception {
        Config config = Config.fromSystemProperties();
        String loadBefore = MachineFacts.loadAverage();
        SharedCluster cluster = SharedCluster.get();
        String script = Files.readString(config.templateSql());
        List<String> templates = List.of("bench_first_without_init", "bench_first_with_init");
        for (String t : templates) {
            cluster.ensureTemplateExists(t, ds -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute(script);
                }
            });
        }
        // Setups that end with statements which change the catalogs' own relcache entries (pg_class's stats)
        List<String> endings = List.of("ANALYZE", "VACUUM ANALYZE");
        for (int i = 0; i < endings.size(); i++) {
            String ending = endings.get(i);
            cluster.ensureTemplateExists("bench_first_ending_" + i, ds -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute(script);
                    s.execute(ending);
                }
            });
        }
        String adminUrl = cluster.jdbcUrl("postgres");
        try (Connection admin = DriverManager.getConnection(adminUrl)) {
            Path data = Path.of(Sql.scalar(admin, "SHOW data_directory"));
            for (String t : templates) {
                System.out.printf("template %s right after ensureTemplateExists: init file %s%n", t, initFile(admin, data, t));
            }
            for (int i = 0; i < endings.size(); i++) {
                System.out.printf("template whose setup ends with %s, right after ensureTemplateExists: init file %s%n",
                        endings.get(i), initFile(admin, data, "bench_first_ending_" + i));
                cluster.forceDropDatabase("bench_first_ending_" + i);
            }
            // The second template gets its init file: one connection, allowed for that moment (a benchmark only)
            Sql.execute(admin, "ALTER DATABASE bench_first_with_init ALLOW_CONNECTIONS true");
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("bench_first_with_init"))) {
                Sql.selectOne(c);
            }
            Sql.execute(admin, "ALTER DATABASE bench_first_with_init ALLOW_CONNECTIONS false");
            // The first template must not have one: remove it if the build left one (PostgreSQL itself
            // removes them at every start; it is a cache that the next backend writes again)
            Path asBuilt = data.resolve("base").resolve(oid(admin, templates.get(0))).resolve(INIT_FILE);
            Files.deleteIfExists(asBuilt);
            for (String t : templates) {
                System.out.printf("template %s for the rounds: init file %s%n", t, initFile(admin, data, t));
            }
            Sql.execute(admin, "CREATE DATABASE bench_first_old TEMPLATE bench_first_without_init STRATEGY FILE_COPY");
            String oldUrl = cluster.jdbcUrl("bench_first_old");
            try (Connection c = DriverManager.getConnection(oldUrl)) {
                Sql.selectOne(c);
            }

            int n = config.iterations();
            long[][][] nanos = new long[templates.size()][5][n]; // create, first, second, old, create + first
            int[] inherited = new int[templates.size()];
            int[] writtenByFirst = new int[templates.size()];
            for (int round = -config.warmup(); round < n; round++) {
                for (int k = 0; k < templates.size(); k++) {
                    int t = Math.floorMod(round + k, templates.size());
                    String clone = "bench_first_clone";
                    long start = System.nanoTime();
                    Sql.execute(admin, "CREATE DATABASE " + clone + " TEMPLATE " + templates.get(t) + " STRATEGY FILE_COPY");
                    long create = System.nanoTime() - start;
                    boolean hasInit = initFile(admin, data, clone);
                    String url = cluster.jdbcUrl(clone);
                    long first = connect(url);
                    boolean afterFirst = initFile(admin, data, clone);
                    long second = connect(url);
                    long old = connect(oldUrl);
                    Sql.execute(admin, "DROP DATABASE " + clone + " WITH (FORCE)");
                    if (round >= 0) {
                        long[][] m = nanos[t];
                        m[0][round] = create;
                        m[1][round] = first;
                        m[2][round] = second;
                        m[3][round] = old;
                        m[4][round] = create + first;
                        inherited[t] += hasInit ? 1 : 0;
                        writtenByFirst[t] += !hasInit && afterFirst ? 1 : 0;
                    }
                }
            }
            Sql.execute(admin, "DROP DATABASE bench_first_old WITH (FORCE)");
            System.out.printf("%nFirst connection to a fresh clone, %d interleaved rounds (after %d warm-up), template %s, "
                    + "data %s, load before %s, after %s%n", n, config.warmup(), config.templateSql().getFileName(), data,
                    loadBefore, MachineFacts.loadAverage());
            String[] what = {"CREATE DATABASE ... STRATEGY FILE_COPY", "first connection + SELECT 1",
                    "second connection + SELECT 1", "connection to an old database + SELECT 1",
                    "clone + first connection (preparation)"};
            for (int t = 0; t < templates.size(); t++) {
                System.out.printf("template %s: clone had the init file in %d of %d rounds; the first connection wrote it "
                        + "in %d%n", templates.get(t), inherited[t], n, writtenByFirst[t]);
                for (int i = 0; i < what.length; i++) {
                    Stats s = Stats.of(nanos[t][i]);
                    System.out.printf("  %-44s p50 %6.2f ms  p90 %6.2f ms  mean %6.2f ms%n", what[i], s.p50(), s.p90(), s.mean());
                }
            }
        } finally {
            for (String t : templates) {
                cluster.forceDropDatabase(t);
            }
        }
    }

    /** Opens a connection, runs SELECT 1, closes it; returns the time to the answer. */
    private static long connect(String url) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            Sql.selectOne(c);
            return System.nanoTime() - start;
        }
    }

    private static boolean initFile(Connection admin, Path data, String database) throws SQLException {
        return Files.exists(data.resolve("base").resolve(oid(admin, database)).resolve(INIT_FILE));
    }

    private static String oid(Connection admin, String database) throws SQLException {
        return Sql.scalar(admin, "SELECT oid FROM pg_database WHERE datname = '" + database + "'");
    }

}
