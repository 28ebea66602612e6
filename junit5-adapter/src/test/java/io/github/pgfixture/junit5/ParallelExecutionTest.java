package io.github.pgfixture.junit5;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.pgfixture.junit5.Fixtures.awaitDropped;
import static io.github.pgfixture.junit5.Fixtures.currentDatabase;
import static io.github.pgfixture.junit5.Fixtures.record;
import static io.github.pgfixture.junit5.Fixtures.recordedNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** 100 tests in 4 classes, classes and methods concurrent: each test on a database of its own. */
class ParallelExecutionTest {

    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final AtomicInteger MOST_ACTIVE = new AtomicInteger();

    @Test
    void hundredConcurrentTests_distinctDatabases_noneLeftAfterwards() {
        Fixtures.clear();
        MOST_ACTIVE.set(0);

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ParallelA.class), selectClass(ParallelB.class), selectClass(ParallelC.class),
                        selectClass(ParallelD.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
                .execute();

        results.testEvents().assertStatistics(s -> s.started(100).succeeded(100).failed(0));
        List<String> names = recordedNames("database");
        assertThat(names).hasSize(100).doesNotHaveDuplicates();
        assertThat(MOST_ACTIVE.get()).as("tests that ran at the same time").isGreaterThan(1);
        awaitDropped(names);
    }

    // ---- fixtures ----

    abstract static class ParallelBase {
        @TempDatabase(flyway = "db/migration")
        DataSource db;

        @RepeatedTest(25)
        void ownsItsDatabase(@TempDatabase(flyway = "db/migration") Connection connection) throws Exception {
            MOST_ACTIVE.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max);
            try {
                String name = currentDatabase(connection);
                record("database", name);
                assertThat(currentDatabase(db)).as("field and parameter: one database").isEqualTo(name);
                try (Statement s = connection.createStatement()) {
                    s.execute("INSERT INTO orders VALUES (1, 9.99)");
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("no other test's rows").isEqualTo(1);
                    }
                }
            } finally {
                ACTIVE.decrementAndGet();
            }
        }
    }

    static class ParallelA extends ParallelBase {
    }

    static class ParallelB extends ParallelBase {
    }

    static class ParallelC extends ParallelBase {
    }

    static class ParallelD extends ParallelBase {
    }
}
