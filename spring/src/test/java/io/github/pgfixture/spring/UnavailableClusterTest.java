package io.github.pgfixture.spring;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.spring.fixtures.PerClassNotesAgain;
import io.github.pgfixture.spring.fixtures.TestNGPerClassNotes;
import io.github.pgfixture.spring.fixtures.TestNGPlainNotes;
import io.github.pgfixture.support.AdapterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.TestListenerAdapter;
import org.testng.xml.XmlSuite;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL cannot be reached: Surefire runs this class in a JVM of its own whose {@code pgfixture.url}
 * names a port where nothing listens (see the module's pom). The class fails before its context
 * loads, with the cause; with abort-if-unavailable JUnit aborts it, and TestNG skips its tests and
 * Spring's before-configuration methods.
 */
@Tag("unavailable-cluster")
class UnavailableClusterTest {

    @AfterEach
    void switchOff() {
        System.clearProperty(AdapterSettings.ABORT_IF_UNAVAILABLE);
    }

    @Test
    void byDefault_theClassFailsWithTheCause() {
        Throwable failure = classOutcome(Fixtures.run(PerClassNotesAgain.class), TestExecutionResult.Status.FAILED);
        assertThat(failure).isInstanceOf(PgFixtureException.class).hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void abortIfUnavailable_junit_theClassIsAborted() {
        System.setProperty(AdapterSettings.ABORT_IF_UNAVAILABLE, "true");
        EngineExecutionResults results = Fixtures.run(PerClassNotesAgain.class);
        Throwable abort = classOutcome(results, TestExecutionResult.Status.ABORTED);
        assertThat(abort).isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("PostgreSQL is unavailable, so this test is skipped")
                .hasCauseInstanceOf(PgFixtureException.class);
        results.testEvents().assertStatistics(stats -> stats.started(0));
    }

    @Test
    void abortIfUnavailable_testng_contextThatDoesNotConnectAtStart_skippedWithoutConfigurationFailure() {
        System.setProperty(AdapterSettings.ABORT_IF_UNAVAILABLE, "true");
        TestListenerAdapter results = Fixtures.runTestNG(XmlSuite.ParallelMode.NONE, TestNGPlainNotes.class);
        assertThat(results.getConfigurationFailures()).as("configuration failures").isEmpty();
        assertThat(results.getFailedTests()).isEmpty();
        assertThat(results.getPassedTests()).isEmpty();
        assertThat(results.getSkippedTests()).hasSize(1);
        assertSkippedBecauseUnavailable(results);
    }

    /**
     * The tests and Spring's before-configuration methods are skipped, but AbstractTestNGSpringContextTests'
     * alwaysRun @AfterMethod makes Spring's Mockito reset listener (and Boot's WebDriver listener) load the
     * context, which fails as Hibernate connects while it starts: one configuration failure, with the cause.
     */
    // A known limit, not a TODO: it cannot be made clean from pgfixture's side (docs/spring.md and ADR 15 say why); this
    // test pins that it stays at exactly one configuration failure that carries the cause.
    @Test
    void abortIfUnavailable_testng_contextThatConnectsAtStart_onlyTheAfterMethodFails() {
        System.setProperty(AdapterSettings.ABORT_IF_UNAVAILABLE, "true");
        TestListenerAdapter results = Fixtures.runTestNG(XmlSuite.ParallelMode.NONE, TestNGPerClassNotes.class);
        assertThat(results.getFailedTests()).isEmpty();
        assertThat(results.getPassedTests()).isEmpty();
        assertThat(results.getSkippedTests()).hasSize(2);
        assertSkippedBecauseUnavailable(results);
        assertThat(results.getConfigurationFailures()).extracting(ITestResult::getName)
                .containsOnly("springTestContextAfterTestMethod");
        // Spring's own: "Failed to load ApplicationContext", or, where an earlier class of this JVM had the same
        // context, "ApplicationContext failure threshold (1) exceeded"
        assertThat(results.getConfigurationFailures()).allSatisfy(failure -> assertThat(failure.getThrowable())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ApplicationContext"));
    }

    @Test
    void byDefault_testng_failsWithTheCause() {
        TestListenerAdapter results = Fixtures.runTestNG(XmlSuite.ParallelMode.NONE, TestNGPerClassNotes.class);
        assertThat(results.getPassedTests()).isEmpty();
        // before the test: pgfixture's exception, not Spring's failure to load the context
        List<ITestResult> before = results.getConfigurationFailures().stream()
                .filter(failure -> !failure.getName().startsWith("springTestContextAfter")).toList();
        assertThat(before).extracting(ITestResult::getName)
                .contains("springTestContextBeforeTestClass", "springTestContextPrepareTestInstance");
        assertThat(before).allSatisfy(failure -> assertThat(failure.getThrowable()).isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("127.0.0.1:1"));
    }

    private static void assertSkippedBecauseUnavailable(TestListenerAdapter results) {
        assertThat(results.getConfigurationSkips()).extracting(ITestResult::getName)
                .contains("springTestContextBeforeTestClass", "springTestContextPrepareTestInstance");
        assertThat(results.getConfigurationSkips()).filteredOn(skip -> skip.getThrowable() != null).isNotEmpty()
                .allSatisfy(skip -> assertThat(skip.getThrowable()).isInstanceOf(SkipException.class)
                        .hasMessageStartingWith("PostgreSQL is unavailable, so this test is skipped")
                        .hasCauseInstanceOf(PgFixtureException.class));
    }

    private static Throwable classOutcome(EngineExecutionResults results, TestExecutionResult.Status status) {
        return results.containerEvents().finished().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                .filter(result -> result.getStatus() == status)
                .map(result -> result.getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("no container " + status));
    }
}
