package io.github.pgfixture.spring;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.spring.fixtures.BrokenTemplateNotes;
import io.github.pgfixture.spring.fixtures.FailingNotes;
import io.github.pgfixture.spring.fixtures.FlywayNotRunAgain;
import io.github.pgfixture.spring.fixtures.KeptNotes;
import io.github.pgfixture.spring.fixtures.NestedNotes;
import io.github.pgfixture.spring.fixtures.LiquibaseNotes;
import io.github.pgfixture.spring.fixtures.ParallelA;
import io.github.pgfixture.spring.fixtures.ParallelB;
import io.github.pgfixture.spring.fixtures.ParallelC;
import io.github.pgfixture.spring.fixtures.PerClassNotes;
import io.github.pgfixture.spring.fixtures.PerClassNotesAgain;
import io.github.pgfixture.spring.fixtures.PerMethodNotes;
import io.github.pgfixture.spring.fixtures.PlainSpringNotes;
import io.github.pgfixture.spring.fixtures.Seen;
import io.github.pgfixture.spring.fixtures.TemplateBeanNotes;
import io.github.pgfixture.spring.fixtures.TransactionalNotes;
import org.junit.jupiter.api.Test;

import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixture classes run through JUnit's SpringExtension; assertions on what they saw and left. */
class JUnitIsolationTest extends FixtureRun {

    @Test
    void classIsolation_theClassSharesOneCloneAndTheNextClassGetsAFreshOne() {
        Fixtures.run(PerClassNotes.class, PerClassNotesAgain.class).testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(3));
        Map<Class<?>, List<String>> seen = Fixtures.databasesByClass();
        assertThat(new HashSet<>(seen.get(PerClassNotes.class))).hasSize(1);
        assertThat(seen.get(PerClassNotesAgain.class)).doesNotContainAnyElementsOf(seen.get(PerClassNotes.class));
        assertThatThrownBy(() -> PerClassNotesAgain.dataSource.getConnection()).as("between test classes")
                .isInstanceOf(PgFixtureException.class).hasMessageContaining("No test runs on this Spring context now");
    }

    @Test
    void brokenTemplate_theClassFailsBeforeItsTests_namingTheFile_nothingLeft() {
        EngineExecutionResults results = Fixtures.run(BrokenTemplateNotes.class);
        results.containerEvents().assertStatistics(stats -> stats.failed(1));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(results.containerEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow())
                .map(org.assertj.core.util.Throwables::getStackTrace)).singleElement().asString().contains("1_broken.sql");
    }

    @Test
    void methodIsolation_eachTestOnItsOwnClone_transactionalToo() {
        Fixtures.run(PerMethodNotes.class, TransactionalNotes.class).testEvents()
                .assertStatistics(stats -> stats.started(4).succeeded(4));
        assertThat(new HashSet<>(Seen.visits().stream().map(Seen.Visit::database).toList())).hasSize(4);
    }

    @Test
    void flyway_templateFromSpringFlywayLocations_bootDoesNotMigrateAgain() {
        Fixtures.run(FlywayNotRunAgain.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(SharedCluster.get().databaseExists(Template.flyway("db/migration").name())).isTrue();
    }

    @Test
    void templateBean_winsOverTheApplicationsFlyway() {
        Fixtures.run(TemplateBeanNotes.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(SharedCluster.get().databaseExists(TemplateBeanNotes.TAGS.name())).isTrue();
    }

    @Test
    void liquibase_templateFromSpringLiquibaseChangeLog_bootDoesNotUpdateAgain() {
        Fixtures.run(LiquibaseNotes.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(SharedCluster.get().databaseExists(Template.liquibase("db/changelog/notes.yaml").name())).isTrue();
    }

    @Test
    void failure_reportedAndItsCloneDroppedThoughAConnectionWasLeftOpen() {
        Fixtures.run(FailingNotes.class).testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(Fixtures.databasesByClass().get(FailingNotes.class)).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void parallelClasses_sharingAContextTakeTurns_eachOnItsOwnClone() {
        Fixtures.run(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "same_thread",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"),
                ParallelA.class, ParallelB.class, ParallelC.class)
                .testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
        Map<Class<?>, List<String>> seen = Fixtures.databasesByClass();
        for (Class<?> fixture : List.of(ParallelA.class, ParallelB.class, ParallelC.class)) {
            assertThat(new HashSet<>(seen.get(fixture))).as(fixture.getSimpleName()).hasSize(1);
        }
        assertThat(new HashSet<>(Seen.visits().stream().map(Seen.Visit::database).toList())).hasSize(3);
        // A and B share a context: one ran after the other
        List<Seen.Visit> a = visitsOf(ParallelA.class);
        List<Seen.Visit> b = visitsOf(ParallelB.class);
        long aStart = a.stream().mapToLong(Seen.Visit::startNanos).min().orElseThrow();
        long aEnd = a.stream().mapToLong(Seen.Visit::endNanos).max().orElseThrow();
        long bStart = b.stream().mapToLong(Seen.Visit::startNanos).min().orElseThrow();
        long bEnd = b.stream().mapToLong(Seen.Visit::endNanos).max().orElseThrow();
        assertThat(aEnd <= bStart || bEnd <= aStart).as("A and B did not overlap").isTrue();
    }

    @Test
    void plainSpring_theConfigurationsOwnDataSourceIsReplaced() {
        Fixtures.run(PlainSpringNotes.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Fixtures.databasesByClass().get(PlainSpringNotes.class)).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void nested_getsItsOwnClone_thenTheEnclosingClassesIsCurrentAgain() {
        Fixtures.run(NestedNotes.class).allEvents().assertStatistics(stats -> stats.failed(0));
        Map<Class<?>, List<String>> seen = Fixtures.databasesByClass();
        assertThat(seen.get(NestedNotes.class)).as("outer test, then @AfterAll after the nested class").hasSize(2)
                .containsOnly(seen.get(NestedNotes.class).get(0));
        assertThat(seen.get(NestedNotes.Inner.class)).hasSize(1).doesNotContainAnyElementsOf(seen.get(NestedNotes.class));
    }

    @Test
    void keepOnFailure_keepsTheFailedTestsClone_andSaysWhereWithTheFailure() {
        Throwable failure = Fixtures.run(KeptNotes.class).testEvents().failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        String kept = Fixtures.databasesByClass().get(KeptNotes.class).get(0);
        try {
            assertThat(SharedCluster.get().databaseExists(kept)).isTrue();
            assertThat(failure.getSuppressed()).singleElement().satisfies(notice ->
                    assertThat(notice.getMessage()).contains("Kept database \"" + kept + "\"", "pgfixture.keep-on-failure"));
        } finally {
            SharedCluster.get().forceDropDatabase(kept);
        }
        Seen.clear(); // dropped above; nothing else to check
    }

    private static List<Seen.Visit> visitsOf(Class<?> fixture) {
        return Seen.visits().stream().filter(v -> v.testClass() == fixture).toList();
    }
}
