package io.github.pgfixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * Not a regular test: a timing program, run by hand (Linux only), that prints what each step of a
 * test's own database costs in CPU, the server's (postmaster, its reaped and its live children, from
 * {@code /proc}) and this JVM's, beside the wall time: {@code CREATE DATABASE … FILE_COPY}, a new
 * connection, {@code DROP DATABASE}, a {@code CHECKPOINT}, a raw clone cycle and pgfixture's clone
 * cycle (drops included). CPU is what two cores run out of in parallel suites (issue 15; figures in
 * ADR 16). It asserts nothing about time.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl lib test -Dtest=CpuProbeTest -Dpgfixture.probe=true | grep CPU
 * </pre>
 */
@EnabledIfSystemProperty(named = "pgfixture.probe", matches = "true")
class CpuProbeTest {

    private static final int N = 60;
    private Path data;

    @Test
    void cpuPerStep() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template t = TestTemplates.fiftyTables("cpu");
        String template = cluster.ensureTemplate(t);
        String postgres = cluster.jdbcUrl("postgres");
        try (Connection admin = DriverManager.getConnection(postgres); Statement s = admin.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                data = Path.of(rs.getString(1));
            }
            for (int round = 0; round < 3; round++) {
                String p = "cpu" + round + "_";
                time("CREATE DATABASE … FILE_COPY", i -> s.execute("CREATE DATABASE " + p + i + " TEMPLATE " + template
                        + " STRATEGY FILE_COPY"));
                time("first connection to that clone", i -> selectOne(cluster.jdbcUrl(p + i)));
                time("DROP DATABASE", i -> s.execute("DROP DATABASE " + p + i));
                time("CHECKPOINT", i -> s.execute("CHECKPOINT"));
                time("new connection to postgres", i -> selectOne(postgres));
                time("raw cycle: create, connect, drop", i -> {
                    s.execute("CREATE DATABASE " + p + "r" + i + " TEMPLATE " + template + " STRATEGY FILE_COPY");
                    selectOne(cluster.jdbcUrl(p + "r" + i));
                    s.execute("DROP DATABASE " + p + "r" + i);
                });
                time("pgfixture clone cycle, drops awaited", i -> {
                    try (TemporaryDatabase db = cluster.temporaryClone(t); Connection c = db.dataSource().getConnection()) {
                        c.createStatement().execute("SELECT 1");
                    }
                    if (i == N - 1) {
                        cluster.awaitDrops(Duration.ofMinutes(1));
                    }
                });
            }
        }
        cluster.awaitBackgroundWork();
        cluster.forceDropDatabase(template);
    }

    private static void selectOne(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("SELECT 1");
        }
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private void time(String what, Step step) throws Exception {
        long jvm = jvmNanos();
        long server = serverTicks();
        long wall = System.nanoTime();
        for (int i = 0; i < N; i++) {
            step.run(i);
        }
        wall = System.nanoTime() - wall;
        Thread.sleep(300); // backends that just closed are reaped
        System.out.printf("CPU %-38s per step: wall %6.2f ms, server CPU %6.2f ms, JVM CPU %6.2f ms%n", what,
                wall / 1e6 / N, (serverTicks() - server) * 10.0 / N, (jvmNanos() - jvm) / 1e6 / N);
    }

    private static long jvmNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** utime + stime of the postmaster and its live children, plus cutime + cstime (reaped children), in ticks of 10 ms. */
    private long serverTicks() throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        long ticks = ticks(postmaster, true);
        String children = Files.readString(Path.of("/proc", "" + postmaster, "task", "" + postmaster, "children")).trim();
        for (String child : children.isEmpty() ? new String[0] : children.split("\\s+")) {
            ticks += ticks(Long.parseLong(child), false);
        }
        return ticks;
    }

    private static long ticks(long pid, boolean reaped) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return reaped ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
        } catch (Exception gone) {
            return 0;
        }
    }
}
