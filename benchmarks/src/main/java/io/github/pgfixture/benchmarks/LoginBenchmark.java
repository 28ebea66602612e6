package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * {@code -Dbench.run=login}: what one new PgJDBC connection to the embedded cluster costs under each way
 * of logging in, interleaved round by round so that the machine's load falls on all alike (issue 15).
 * The ways: pgfixture's own superuser login (scram-sha-256, verifier made with {@code scram_iterations=1}
 * by initdb), a role whose verifier has 1 iteration, one whose verifier has the default 4096, and one
 * that a {@code pg_hba.conf} line (added for this run, then removed; the cluster is deleted at exit
 * anyway) lets in with {@code trust}. Each round opens one connection per way (in a rotating order),
 * runs {@code SELECT 1} on it and closes it; {@code bench.warmup} rounds are thrown away,
 * {@code bench.iterations} rounds kept (default 200). Only the {@code getConnection} call is timed.
 */
final class LoginBenchmark {

    private static final String ROLE_PREFIX = "bench_login_";

    private LoginBenchmark() {
    }

    public static void main(String[] args) {
        Main.runAndExit(LoginBenchmark::run);
    }

    /** One way of logging in: the user and password a connection is opened with. */
    private record Way(String label, String user, String password) {
        Connection open(String url) throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", user);
            if (password != null) {
                props.setProperty("password", password);
            }
            return DriverManager.getConnection(url, props);
        }
    }

    private static void run() throws Exception {
        int iterations = Config.positive("bench.iterations", 200, 1);
        int warmup = Config.positive("bench.warmup", 20, 0);
        String loadBefore = MachineFacts.loadAverage();
        SharedCluster cluster = SharedCluster.get();
        String superUrl = cluster.jdbcUrl("postgres");
        String url = superUrl.substring(0, superUrl.indexOf('?'));
        String superPassword = parameter(superUrl, "password");
        String superUser = parameter(superUrl, "user");

        String onePassword = randomPassword();
        String manyPassword = randomPassword();
        Path hba;
        String hbaBefore;
        String version;
        String verifiers;
        try (Connection admin = DriverManager.getConnection(superUrl)) {
            version = Sql.scalar(admin, "SELECT version()");
            Sql.execute(admin, "SET scram_iterations = 1");
            Sql.execute(admin, "CREATE ROLE " + ROLE_PREFIX + "iter1 LOGIN PASSWORD '" + onePassword + "'");
            Sql.execute(admin, "SET scram_iterations = 4096");
            Sql.execute(admin, "CREATE ROLE " + ROLE_PREFIX + "iter4096 LOGIN PASSWORD '" + manyPassword + "'");
            Sql.execute(admin, "RESET scram_iterations");
            Sql.execute(admin, "CREATE ROLE " + ROLE_PREFIX + "trust LOGIN");
            verifiers = Sql.scalar(admin, "SELECT string_agg(rolname || ' ' || split_part(rolpassword, ':', 1), ', ' "
                    + "ORDER BY rolname) FROM pg_authid WHERE rolname LIKE '" + ROLE_PREFIX + "%' OR rolname = current_user");
            hba = Path.of(Sql.scalar(admin, "SHOW hba_file"));
            hbaBefore = Files.readString(hba);
            // First matching line wins: this one lets the dedicated role in without a password, on loopback.
            Files.writeString(hba, "host all " + ROLE_PREFIX + "trust 127.0.0.1/32 trust\n" + hbaBefore);
            Sql.scalar(admin, "SELECT pg_reload_conf()");
        }
        List<Way> ways = List.of(
                new Way("pgfixture's superuser login (SCRAM, 1 iteration)", superUser, superPassword),
                new Way("role with a SCRAM verifier of 1 iteration", ROLE_PREFIX + "iter1", onePassword),
                new Way("role with a SCRAM verifier of 4096 iterations", ROLE_PREFIX + "iter4096", manyPassword),
                new Way("role let in by trust (pg_hba line)", ROLE_PREFIX + "trust", null));
        try {
            awaitTrust(ways.get(3), url);
            long[][] nanos = new long[ways.size()][iterations];
            for (int round = -warmup; round < iterations; round++) {
                for (int k = 0; k < ways.size(); k++) {
                    int w = Math.floorMod(round + k, ways.size()); // rotating order: no way always goes first
                    long start = System.nanoTime();
                    try (Connection c = ways.get(w).open(url)) {
                        long took = System.nanoTime() - start;
                        Sql.selectOne(c);
                        if (round >= 0) {
                            nanos[w][round] = took;
                        }
                    }
                }
            }
            System.out.printf("Login, %d interleaved rounds (after %d warm-up), one new PgJDBC connection per way per round, "
                    + "load before %s, after %s%n%s%nverifiers: %s%n", iterations, warmup, loadBefore,
                    MachineFacts.loadAverage(), version, verifiers);
            Stats base = Stats.of(nanos[0]);
            for (int w = 0; w < ways.size(); w++) {
                Stats s = Stats.of(nanos[w]);
                System.out.printf("  %-52s p50 %6.2f ms  p90 %6.2f ms  mean %6.2f ms  max %7.2f ms  (p50 %+.2f ms against the first)%n",
                        ways.get(w).label(), s.p50(), s.p90(), s.mean(), s.max(), s.p50() - base.p50());
            }
        } finally {
            Files.writeString(hba, hbaBefore);
            try (Connection admin = DriverManager.getConnection(superUrl)) {
                Sql.scalar(admin, "SELECT pg_reload_conf()");
                for (String role : List.of("iter1", "iter4096", "trust")) {
                    Sql.execute(admin, "DROP ROLE IF EXISTS " + ROLE_PREFIX + role);
                }
            }
        }
    }

    /** pg_reload_conf() only signals: wait until the trust line is in force (and fail if it never is). */
    private static void awaitTrust(Way trust, String url) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Connection c = trust.open(url)) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }


    private static String parameter(String url, String name) {
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("The cluster's URL has no " + name + " parameter");
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
