package io.github.pgfixture;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Many threads at once: one boot, and clones of one template that never collide. */
class ConcurrencyTest {

    private static final int THREADS = 16;

    @Test
    void get_from16ThreadsAtOnceInAFreshJvm_bootsOneClusterAndReturnsOneInstance() throws Exception {
        assumeTrue(System.getProperty("pgfixture.url") == null && System.getenv("PGFIXTURE_URL") == null,
                "an external server is not booted");
        FreshJvm.Run run = FreshJvm.run();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.line("INSTANCES")).isEqualTo("1");
        assertThat(Pattern.compile("Booted PostgreSQL").matcher(run.output()).results().count())
                .as(run.output()).isEqualTo(1);
        assertThat(run.clusterRemoved()).as("the cluster went with the child JVM").isTrue();
    }

    @Test
    void clones_16ThreadsCreatingAndDroppingFromOneTemplate_allSucceedWithDistinctNames() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        Template template = Template.of("concurrency", "v" + System.nanoTime(), ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE item (id int PRIMARY KEY)");
            }
        });
        String templateName = cluster.ensureTemplate(template);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                String named = "conc_clone_" + t;
                results.add(threads.submit(() -> {
                    start.await();
                    List<String> names = new ArrayList<>();
                    try (TemporaryDatabase byName = cluster.temporaryDatabaseFromTemplate(named, templateName);
                         TemporaryDatabase generated = cluster.temporaryDatabase(template)) {
                        for (TemporaryDatabase db : List.of(byName, generated)) {
                            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                                s.execute("INSERT INTO item VALUES (1)"); // each clone is its own: no key clash
                            }
                            names.add(db.name());
                        }
                    }
                    return names;
                }));
            }
            List<String> names = new ArrayList<>();
            for (Future<List<String>> result : results) {
                names.addAll(result.get(120, TimeUnit.SECONDS));
            }

            assertThat(names).hasSize(2 * THREADS).doesNotHaveDuplicates();
            assertThat(Sql.databases(cluster)).doesNotContainAnyElementsOf(names);
        } finally {
            threads.shutdownNow();
            cluster.forceDropDatabase(templateName);
        }
    }
}
