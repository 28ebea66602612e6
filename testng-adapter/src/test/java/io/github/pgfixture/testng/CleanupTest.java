package io.github.pgfixture.testng;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.testng.fixtures.Outcomes;
import io.github.pgfixture.testng.fixtures.Seen;
import io.github.pgfixture.testng.fixtures.Seen.Sighting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.testng.xml.XmlSuite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every database is dropped, whatever became of its test; keep-on-failure keeps a failed test's. */
class CleanupTest {

    @BeforeEach
    void forgetEarlierSightings() {
        Seen.drain();
    }

    @AfterEach
    void clearSetting() {
        System.clearProperty(PgFixtureListener.KEEP_ON_FAILURE);
    }

    @Test
    void passedFailedAndSkippedTests_allDatabasesDropped() {
        TestNGRun run = TestNGRun.of(Outcomes.PassFailSkip.class);

        assertThat(run.passed()).hasSize(1);
        assertThat(run.failed()).hasSize(1);
        assertThat(run.skipped()).hasSize(1);
        List<String> names = Seen.drain().stream().map(Sighting::value).toList();
        assertThat(names).hasSize(3).doesNotHaveDuplicates();
        TestNGRun.assertDropped(names);
        assertThat(run.result("fails").getAttribute(PgFixtureListener.KEPT_URL)).isNull();
    }

    @Test
    void failingBeforeMethod_testSkipped_databaseDropped() {
        TestNGRun run = TestNGRun.of(Outcomes.FailingBeforeMethod.class, Outcomes.FailingBeforeMethodWithProvider.class);

        assertThat(run.configurationFailures()).hasSize(2);
        assertThat(run.skipped()).extracting(r -> r.getMethod().getMethodName())
                .containsExactlyInAnyOrder("neverRuns", "neverRunsEither");
        List<Sighting> seen = Seen.drain();
        assertThat(seen).extracting(Sighting::phase).containsOnly("before");
        List<String> names = seen.stream().map(Sighting::value).toList();
        assertThat(names).hasSize(2).allMatch(name -> name.startsWith("pgfixture_db_"));
        TestNGRun.assertDropped(names);
    }

    @Test
    void keepOnFailure_systemProperty_keepsOnlyTheFailedTestsDatabase_andReportsItsUrl() throws Exception {
        System.setProperty(PgFixtureListener.KEEP_ON_FAILURE, "true");

        TestNGRun run = TestNGRun.of(Outcomes.PassFailSkip.class);

        assertKeptOnlyTheFailedOne(run);
    }

    @Test
    void keepOnFailure_suiteParameter_keepsOnlyTheFailedTestsDatabase() throws Exception {
        XmlSuite suite = TestNGRun.suite(XmlSuite.ParallelMode.NONE, 1, Map.of(PgFixtureListener.KEEP_ON_FAILURE, "true"),
                Outcomes.PassFailSkip.class);

        TestNGRun run = TestNGRun.of(suite);

        assertKeptOnlyTheFailedOne(run);
    }

    @Test
    void keepOnFailure_suiteParameterFalse_winsOverTheSystemProperty() {
        System.setProperty(PgFixtureListener.KEEP_ON_FAILURE, "true");
        XmlSuite suite = TestNGRun.suite(XmlSuite.ParallelMode.NONE, 1, Map.of(PgFixtureListener.KEEP_ON_FAILURE, "false"),
                Outcomes.PassFailSkip.class);

        TestNGRun run = TestNGRun.of(suite);

        assertThat(run.result("fails").getAttribute(PgFixtureListener.KEPT_URL)).isNull();
        TestNGRun.assertDropped(Seen.drain().stream().map(Sighting::value).toList());
    }

    @Test
    void keepOnFailure_testParameter_winsOverTheSuiteParameter() throws Exception {
        XmlSuite suite = TestNGRun.suite(XmlSuite.ParallelMode.NONE, 1, Map.of(PgFixtureListener.KEEP_ON_FAILURE, "false"),
                Outcomes.PassFailSkip.class);
        suite.getTests().get(0).setParameters(Map.of(PgFixtureListener.KEEP_ON_FAILURE, "true"));

        TestNGRun run = TestNGRun.of(suite);

        assertKeptOnlyTheFailedOne(run);
    }

    private static void assertKeptOnlyTheFailedOne(TestNGRun run) throws Exception {
        Map<String, String> names = InjectionTest.byTestAndPhase(Seen.drain());
        String kept = names.get("fails/test");
        ITestResult failed = run.result("fails");
        String url = (String) failed.getAttribute(PgFixtureListener.KEPT_URL);
        SharedCluster cluster = SharedCluster.get();
        try {
            assertThat(url).isEqualTo(cluster.jdbcUrl(kept));
            assertThat(Reporter.getOutput(failed)).anySatisfy(line -> assertThat(line).contains(kept).contains(url));
            assertThat(failed.getThrowable().getSuppressed()).singleElement().satisfies(note ->
                    assertThat(note.getMessage()).contains(kept, url, "the next pgfixture run removes it"));
            assertThat(cluster.databaseExists(kept)).isTrue();
            try (Connection connection = DriverManager.getConnection(url)) {
                assertThat(Seen.databaseOf(connection)).isEqualTo(kept);
            }
            TestNGRun.assertDropped(List.of(names.get("passes/test"), names.get("skipsItself/test")));
        } finally {
            if (cluster.databaseExists(kept)) {
                cluster.forceDropDatabase(kept); // lets the embedded cluster stop with this JVM again
            }
        }
    }
}
