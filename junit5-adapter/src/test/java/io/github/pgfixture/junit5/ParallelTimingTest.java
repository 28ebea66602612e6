package io.github.pgfixture.junit5;

import io.github.pgfixture.TemplateSetup;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Not a regular test: a timing program, run by hand, that prints the wall time of 100 parallel tests
 * each on a database of its own next to the same 100 tests sharing one database. It asserts nothing
 * about time.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl junit5-adapter test -Dtest=ParallelTimingTest -Dpgfixture.timing=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The template is {@code bench-50-tables.sql} from the shared fixtures (50 tables, 100 indexes, 1,000
 * rows). Parallel execution uses JUnit's defaults for everything but turning it on (dynamic
 * strategy: as many threads as cores).
 */
@EnabledIfSystemProperty(named = "pgfixture.timing", matches = "true")
class ParallelTimingTest {

    private static final int ROUNDS = 5;

    @Test
    void hundredParallelTests_ownDatabaseEach_versusOneSharedDatabase() {
        Launcher launcher = LauncherFactory.create();
        run(launcher, OwnDatabase.class); // warm-up: builds the template, fills the pool of ready clones
        run(launcher, SharedDatabase.class);

        List<Long> own = new ArrayList<>();
        List<Long> shared = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            own.add(run(launcher, OwnDatabase.class));
            shared.add(run(launcher, SharedDatabase.class));
        }
        System.out.printf("%n100 parallel tests (%d cores, JUnit dynamic parallelism), wall time per suite in ms over %d rounds%n",
                Runtime.getRuntime().availableProcessors(), ROUNDS);
        System.out.printf("  own database per test (@TempDatabase field):       median %5d  all %s%n", median(own), own);
        System.out.printf("  one shared database   (@TempDatabase static field): median %5d  all %s%n%n", median(shared), shared);
    }

    private static long run(Launcher launcher, Class<?> suite) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        long start = System.nanoTime();
        launcher.execute(request, listener);
        long millis = (System.nanoTime() - start) / 1_000_000;
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsSucceededCount()).as(suite.getSimpleName() + " " + summary.getFailures()).isEqualTo(100);
        return millis;
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** The test each suite runs 100 times: write 10 rows of its own, read them back. */
    static void work(DataSource db, int repetition) throws Exception {
        String name = "repetition-" + repetition;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t0 (name, ref) VALUES (?, ?)")) {
                for (int i = 0; i < 10; i++) {
                    insert.setString(1, name);
                    insert.setLong(2, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM t0 WHERE name = ?")) {
                count.setString(1, name);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(10);
                }
            }
        }
    }

    /** Loads {@code bench-50-tables.sql} from the shared fixtures folder (system property pgfixture.fixtures). */
    static class BenchSchema implements TemplateSetup {
        @Override
        public void setUp(DataSource template) throws Exception {
            Path file = Path.of(System.getProperty("pgfixture.fixtures"), "bench-50-tables.sql");
            try (Connection c = template.getConnection(); Statement s = c.createStatement()) {
                s.execute(Files.readString(file));
            }
        }
    }

    static class OwnDatabase {
        @TempDatabase(setup = BenchSchema.class, version = "bench-50-tables")
        DataSource db;

        @RepeatedTest(100)
        void test(RepetitionInfo repetition) throws Exception {
            work(db, repetition.getCurrentRepetition());
        }
    }

    static class SharedDatabase {
        @TempDatabase(setup = BenchSchema.class, version = "bench-50-tables")
        static DataSource db;

        @RepeatedTest(100)
        void test(RepetitionInfo repetition) throws Exception {
            work(db, repetition.getCurrentRepetition());
        }
    }

}
