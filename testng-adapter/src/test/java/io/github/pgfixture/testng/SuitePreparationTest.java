package io.github.pgfixture.testng;

import io.github.pgfixture.testng.fixtures.NeedsDatabase;
import io.github.pgfixture.testng.fixtures.Seen;
import io.github.pgfixture.testng.fixtures.Seen.Sighting;
import org.junit.jupiter.api.Test;
import org.testng.xml.XmlSuite.ParallelMode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Templates are built at suite start, before any test method, unless pgfixture.prebuild-templates is false. */
class SuitePreparationTest {

    @Test
    void byDefault_templateBuiltAtSuiteStart_byTheListenersOwnThread() {
        Seen.drain();

        TestNGRun run = TestNGRun.of(NeedsDatabase.Prebuilt.class);

        assertThat(run.passed()).hasSize(1);
        List<Sighting> builds = Seen.drain();
        assertThat(builds).hasSize(1);
        assertThat(builds.get(0).thread()).startsWith("pgfixture-prebuild-");
    }

    @Test
    void prebuildTemplatesFalse_templateBuiltByTheFirstTestThatNeedsIt() {
        Seen.drain();

        TestNGRun run = TestNGRun.of(TestNGRun.suite(ParallelMode.NONE, 1,
                Map.of(PgFixtureListener.PREBUILD_TEMPLATES, "false"), NeedsDatabase.BuiltOnDemand.class));

        assertThat(run.passed()).hasSize(1);
        List<Sighting> builds = Seen.drain();
        assertThat(builds).hasSize(1);
        assertThat(builds.get(0).thread()).isEqualTo(Thread.currentThread().getName()); // TestNG's sequential runner
    }
}
