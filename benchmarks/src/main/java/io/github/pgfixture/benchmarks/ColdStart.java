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
 * {@code pgfixture|zonky}, the fixture's SQL file; zonky also needs {@code -Dbench.cold.storage} and
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
        if (args[0].equals("pgfixture")) {
            // A version no earlier run used: the template is never found built, even on an external server.
            Template template = Template.of("cold", UUID.randomUUID().toString(), ds -> Fixture.load(ds, sql));
            SharedCluster cluster = SharedCluster.get();
            try (TemporaryDatabase db = cluster.temporaryClone(template); Connection c = db.dataSource().getConnection()) {
                Sql.selectOne(c);
            }
            report(mainStart);
            cluster.forceDropDatabase(template.name());
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

    private static void report(long mainStart) {
        long now = System.nanoTime();
        long sinceJvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf(java.util.Locale.ROOT, "COLD %d %.1f %.1f%n", sinceJvm, (now - mainStart) / 1e6,
                Fixture.lastLoadNanos() / 1e6);
    }
}
