package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;
import io.zonky.test.db.postgres.embedded.PreparedDbProvider;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Child program of the suite benchmark, run in a fresh JVM: the time from nothing to a first usable
 * clone with the binaries already unpacked (by the parent run) and no template built. Arguments:
 * {@code pgfixture|zonky|warm|jdbc|baseline}, the fixture's SQL file ({@code warm}: the template of a
 * fixed version, on the warm server an earlier run left; {@code jdbc}: a clone of that template by plain
 * JDBC; {@code baseline}: nothing but main); zonky also needs {@code -Dbench.cold.storage} and
 * {@code -Dbench.cold.max-connections}. Prints one line to stdout:
 * {@code COLD <ms since JVM start> <ms since main> <ms of the migration itself>}, then exits (which
 * stops the cluster).
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long mainStart = System.nanoTime();
        Path sql = Path.of(args[1]);
        if (args[0].equals("baseline")) {
            report(mainStart); // the JVM's own start: nothing but main
        } else if (args[0].equals("jdbc")) {
            rawClone(warmTemplate(sql).name());
            report(mainStart);
        } else if (args[0].equals("pgfixture") || args[0].equals("warm")) {
            boolean warm = args[0].equals("warm");
            // Cold: a version no earlier run used, so the template is never found built, even on an external
            // server. Warm: the same version every run, on the warm server an earlier run left up.
            Template template = warm ? warmTemplate(sql) : Template.of("cold", UUID.randomUUID().toString(),
                    ds -> Fixture.load(ds, sql));
            SharedCluster cluster = SharedCluster.get();
            try (TemporaryDatabase db = cluster.temporaryClone(template); Connection c = db.dataSource().getConnection()) {
                Sql.selectOne(c);
            }
            report(mainStart);
            if (!warm) {
                cluster.forceDropDatabase(template.name());
            }
        } else {
            Path directory = ZonkyClusters.newDataDirectory(Path.of(System.getProperty("bench.cold.storage")));
            PreparedDbProvider provider = PreparedDbProvider.forPreparer(ds -> {
                try {
                    Fixture.load(ds, sql);
                } catch (java.io.IOException e) {
                    throw new java.sql.SQLException(e);
                }
            }, List.of(ZonkyClusters.likePgfixture(directory, System.getProperty("bench.cold.max-connections", "300"))));
            DataSource ds = provider.createDataSource();
            try (Connection c = ds.getConnection()) {
                Sql.selectOne(c);
            }
            report(mainStart);
        }
        System.out.flush();
        System.exit(0);
    }

    private static Template warmTemplate(Path sql) {
        return Template.of("warm", "bench-v1", ds -> Fixture.load(ds, sql));
    }

    /**
     * The least a fresh JVM can do to get a clone from the warm server: plain JDBC with the warm
     * server's credentials (read from its folder, as this user may), one {@code CREATE DATABASE}, one
     * connection to the clone and a query; then it drops the clone.
     */
    private static void rawClone(String template) throws Exception {
        Path folder;
        try (java.util.stream.Stream<Path> folders = java.nio.file.Files.list(Path.of(System.getProperty("pgfixture.warm-dir")))) {
            folder = folders.filter(p -> p.getFileName().toString().startsWith("server-")).findFirst().orElseThrow();
        }
        java.util.Properties descriptor = new java.util.Properties();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(folder.resolve("server.properties"))) {
            descriptor.load(in);
        }
        String credentials = "?user=postgres&password=" + java.nio.file.Files.readString(folder.resolve("password"));
        String server = "jdbc:postgresql://127.0.0.1:" + descriptor.getProperty("port") + "/";
        String clone = "raw_" + ProcessHandle.current().pid();
        try (Connection admin = java.sql.DriverManager.getConnection(server + "postgres" + credentials);
             java.sql.Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + clone + " TEMPLATE \"" + template + "\" STRATEGY FILE_COPY");
            try (Connection c = java.sql.DriverManager.getConnection(server + clone + credentials)) {
                Sql.selectOne(c);
            }
            s.execute("DROP DATABASE " + clone);
        }
    }

    private static void report(long mainStart) {
        long now = System.nanoTime();
        long sinceJvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf(java.util.Locale.ROOT, "COLD %d %.1f %.1f%n", sinceJvm, (now - mainStart) / 1e6,
                Fixture.lastLoadNanos() / 1e6);
    }
}
