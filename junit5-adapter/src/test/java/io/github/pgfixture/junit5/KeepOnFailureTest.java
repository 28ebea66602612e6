package io.github.pgfixture.junit5;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.github.pgfixture.junit5.Fixtures.awaitDropped;
import static io.github.pgfixture.junit5.Fixtures.currentDatabase;
import static io.github.pgfixture.junit5.Fixtures.record;
import static io.github.pgfixture.junit5.Fixtures.recorded;
import static io.github.pgfixture.junit5.Fixtures.recordedNames;
import static io.github.pgfixture.junit5.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link TempDatabase#KEEP_ON_FAILURE}: the database of a failed test is kept and its URL reported. */
class KeepOnFailureTest {

    /** Every database a fixture kept is dropped again here, so that nothing outlives the test. */
    @AfterEach
    void dropKeptDatabases() {
        for (TemporaryDatabase db : Fixtures.<TemporaryDatabase>recorded("db")) {
            db.forceDrop();
        }
    }

    @Test
    void failedTest_databaseKept_urlReportedAndAttachedToTheFailure() throws Exception {
        EngineExecutionResults results = run(PassingAndFailing.class, TempDatabase.KEEP_ON_FAILURE, "true");

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        String kept = recordedNames("failing").get(0);
        String dropped = recordedNames("passing").get(0);
        awaitDropped(List.of(dropped));
        assertThat(SharedCluster.get().databaseExists(kept)).isTrue();

        TemporaryDatabase db = Fixtures.<TemporaryDatabase>recorded("db").stream()
                .filter(d -> d.name().equals(kept)).findFirst().orElseThrow();
        assertThat(db.isKept()).isTrue();
        List<ReportEntry> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow()).collect(Collectors.toList());
        assertThat(entries).hasSize(1);
        String url = entries.get(0).getKeyValuePairs().get("pgfixture.kept-database");
        assertThat(url).isEqualTo(db.url());
        assertThat(currentDatabase(url)).as("the reported URL opens the kept database").isEqualTo(kept);

        Throwable failure = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).hasMessage("fails on purpose");
        assertThat(Arrays.asList(failure.getSuppressed())).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).startsWith("Kept database \"" + kept + "\" of failed test "
                        + PassingAndFailing.class.getName() + ".fails [fails(TemporaryDatabase)] for inspection "
                        + "(pgfixture.keep-on-failure = true); drop it when done, or the next pgfixture run removes it: ")
                        .endsWith(url));

        db.forceDrop();
        assertThat(SharedCluster.get().databaseExists(kept)).isFalse();
    }

    @Test
    void failedTest_keepOnFailureOff_databaseDropped() {
        EngineExecutionResults results = run(PassingAndFailing.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(results.allEvents().reportingEntryPublished().count()).isZero();
        awaitDropped(List.of(recordedNames("failing").get(0), recordedNames("passing").get(0)));
    }

    @Test
    void abortedTest_isNoFailure_databaseDropped() {
        EngineExecutionResults results = run(Aborted.class, TempDatabase.KEEP_ON_FAILURE, "true");

        results.testEvents().assertStatistics(s -> s.aborted(1));
        awaitDropped(recordedNames("aborted"));
    }

    @Test
    void classWideDatabase_keptWhenOneTestOfTheClassFailed() {
        EngineExecutionResults results = run(ClassWide.class, TempDatabase.KEEP_ON_FAILURE, "true");

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        List<String> shared = recordedNames("shared");
        assertThat(shared).hasSize(2).containsOnly(shared.get(0));
        assertThat(SharedCluster.get().databaseExists(shared.get(0))).isTrue();
        List<String> own = recordedNames("own"); // the failed test's own is kept, the passing test's dropped
        assertThat(SharedCluster.get().databaseExists(own.get(1))).isTrue();
        awaitDropped(List.of(own.get(0)));
        assertThat(results.containerEvents().reportingEntryPublished().count()).isEqualTo(1);
    }

    @Test
    void classWideDatabase_allTestsPassed_dropped() {
        EngineExecutionResults results = run(ClassWidePassing.class, TempDatabase.KEEP_ON_FAILURE, "true");

        results.testEvents().assertStatistics(s -> s.succeeded(2));
        awaitDropped(recordedNames("shared"));
    }

    // ---- fixtures ----

    static class PassingAndFailing {
        @Test
        void passes(@TempDatabase TemporaryDatabase db) {
            record("db", db);
            record("passing", db.name());
        }

        @Test
        void fails(@TempDatabase TemporaryDatabase db) {
            record("db", db);
            record("failing", db.name());
            throw new AssertionError("fails on purpose");
        }
    }

    static class Aborted {
        @Test
        void aborted(@TempDatabase TemporaryDatabase db) {
            record("db", db);
            record("aborted", db.name());
            Assumptions.assumeTrue(false, "not here");
        }
    }

    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class ClassWide {
        @TempDatabase
        static TemporaryDatabase shared;
        @TempDatabase
        TemporaryDatabase own;

        @Test
        void a_passes() {
            recordBoth();
        }

        @Test
        void b_fails() {
            recordBoth();
            throw new AssertionError("fails on purpose");
        }

        private void recordBoth() {
            record("db", shared);
            record("db", own);
            record("shared", shared.name());
            record("own", own.name());
        }
    }

    static class ClassWidePassing {
        @TempDatabase
        static TemporaryDatabase shared;

        @Test
        void one() {
            record("shared", shared.name());
        }

        @Test
        void two() {
            record("shared", shared.name());
        }
    }
}
