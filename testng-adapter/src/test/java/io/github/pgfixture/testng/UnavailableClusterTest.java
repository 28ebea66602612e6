package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.testng.fixtures.NeedsDatabase;
import io.github.pgfixture.testng.fixtures.Seen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.xml.XmlSuite.ParallelMode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL cannot be reached: Surefire runs this class in a JVM of its own whose {@code pgfixture.url}
 * names a port where nothing listens (see the module's pom).
 */
@Tag("unavailable-cluster")
class UnavailableClusterTest {

    @Test
    void byDefault_testsFail_withTheCause_suitePreparationHarmless() {
        Seen.drain();

        TestNGRun run = TestNGRun.of(NeedsDatabase.ByField.class, NeedsDatabase.ByProvider.class);

        assertThat(run.passed()).isEmpty();
        assertThat(run.skipped()).isEmpty();
        assertThat(run.failed()).hasSize(2).allSatisfy(result -> {
            assertThat(causes(result)).anySatisfy(cause -> assertThat(cause).isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining("127.0.0.1:1"));
        });
        assertThat(Seen.drain()).isEmpty();
    }

    @Test
    void abortIfUnavailable_testsSkipped_withTheReason() {
        Seen.drain();

        TestNGRun run = TestNGRun.of(TestNGRun.suite(ParallelMode.NONE, 1,
                Map.of(PgFixtureListener.ABORT_IF_UNAVAILABLE, "true"), NeedsDatabase.ByField.class,
                NeedsDatabase.ByProvider.class));

        assertThat(run.passed()).isEmpty();
        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).hasSize(2).allSatisfy(result -> assertThat(causes(result)).anySatisfy(cause ->
                assertThat(cause).isInstanceOf(SkipException.class).hasMessageStartingWith(
                        "PostgreSQL is unavailable, so this test is skipped (pgfixture.abort-if-unavailable = true): ")
                        .hasMessageContaining("127.0.0.1:1")));
        assertThat(Seen.drain()).isEmpty();
    }

    private static java.util.List<Throwable> causes(ITestResult result) {
        java.util.List<Throwable> causes = new java.util.ArrayList<>();
        for (Throwable t = result.getThrowable(); t != null && !causes.contains(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }
}
