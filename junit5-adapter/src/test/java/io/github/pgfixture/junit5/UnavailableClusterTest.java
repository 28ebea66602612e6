package io.github.pgfixture.junit5;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.junit5.internal.PrebuildTemplatesListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

import javax.sql.DataSource;

import static io.github.pgfixture.junit5.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * PostgreSQL cannot be reached: Surefire runs this class in a JVM of its own whose {@code pgfixture.url}
 * names a port where nothing listens (see the module's pom).
 */
@Tag("unavailable-cluster")
class UnavailableClusterTest {

    @Test
    void byDefault_testsFailWithTheCause() {
        EngineExecutionResults results = run(NeedsDatabase.class);

        results.testEvents().assertStatistics(s -> s.failed(2).aborted(0));
        results.testEvents().assertThatEvents()
                .haveExactly(1, finishedWithFailure(instanceOf(PgFixtureException.class),
                        message(m -> m.contains("127.0.0.1:1"))))
                .haveExactly(1, finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        cause(instanceOf(PgFixtureException.class), message(m -> m.contains("127.0.0.1:1")))));
    }

    @Test
    void abortIfUnavailable_testsAbortedWithTheReason() {
        EngineExecutionResults results = run(NeedsDatabase.class, TempDatabase.ABORT_IF_UNAVAILABLE, "true");

        // The parameter's test is aborted; so is the nested class's test whose field needs a database.
        assertThat(results.allEvents().failed().count()).isZero();
        results.testEvents().assertThatEvents().haveExactly(2, abortedWithReason(
                instanceOf(TestAbortedException.class),
                message(m -> m.startsWith("PostgreSQL is unavailable, so this test is aborted "
                        + "(pgfixture.abort-if-unavailable = true): ") && m.contains("127.0.0.1:1")),
                cause(instanceOf(PgFixtureException.class))));
    }

    @Test
    void abortIfUnavailable_staticField_classAborted() {
        EngineExecutionResults results = run(NeedsClassDatabase.class, TempDatabase.ABORT_IF_UNAVAILABLE, "true");

        results.containerEvents().assertStatistics(s -> s.aborted(1).failed(0));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void abortIfUnavailable_instanceField_eachTestAborted() {
        EngineExecutionResults results = run(NeedsFieldDatabase.class, TempDatabase.ABORT_IF_UNAVAILABLE, "true");

        // Every test shows up in the report as aborted (skipped); the class itself runs.
        results.testEvents().assertStatistics(s -> s.started(3).aborted(3).failed(0));
        results.testEvents().assertThatEvents().haveExactly(3, abortedWithReason(instanceOf(TestAbortedException.class),
                message(m -> m.startsWith("PostgreSQL is unavailable, so this test is aborted"))));
        results.containerEvents().assertStatistics(s -> s.aborted(0).failed(0));
    }

    @Test
    void abortIfUnavailable_beforeAllParameter_classAborted() {
        EngineExecutionResults results = run(NeedsBeforeAllDatabase.class, TempDatabase.ABORT_IF_UNAVAILABLE, "true");

        results.containerEvents().assertThatEvents().haveExactly(1, abortedWithReason(
                instanceOf(TestAbortedException.class), message(m -> m.startsWith("PostgreSQL is unavailable"))));
        assertThat(results.allEvents().failed().count()).isZero();
    }

    @Test
    void prebuildListener_harmless() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(NeedsDatabase.class)).build());

        new PrebuildTemplatesListener().testPlanExecutionStarted(plan);

        assertThat(run(NeedsDatabase.class).testEvents().failed().count()).isEqualTo(2);
    }

    // ---- fixtures ----

    static class NeedsDatabase {
        @Test
        void parameter(@TempDatabase(flyway = "db/migration") DataSource db) {
        }

        @Nested
        class Field {
            @TempDatabase(flyway = "db/migration")
            DataSource db;

            @Test
            void field() {
            }
        }
    }

    static class NeedsFieldDatabase {
        @TempDatabase
        DataSource db;

        @Test
        void first() {
        }

        @Test
        void second() {
        }

        @Test
        void third(@TempDatabase String url) {
        }
    }

    static class NeedsBeforeAllDatabase {
        @BeforeAll
        static void fill(@TempDatabase DataSource db) {
        }

        @Test
        void test() {
        }
    }

    static class NeedsClassDatabase {
        @TempDatabase
        static DataSource db;

        @Test
        void test() {
        }
    }
}
