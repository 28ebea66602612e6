package io.github.pgfixture.testng;

import io.github.pgfixture.testng.fixtures.DryRun;
import io.github.pgfixture.testng.fixtures.Seen;
import io.github.pgfixture.testng.fixtures.Seen.Sighting;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TestNG's dry-run mode ({@code -Dtestng.mode.dryrun=true}) lists tests without running them, as the JUnit
 * Platform's TestNG engine does during discovery: the listener must touch nothing then.
 */
class DryRunTest {

    private static final String DRY_RUN = "testng.mode.dryrun";

    @Test
    void dryRun_noTemplateBuilt_noDatabaseCloned_dataProviderHandsOutNulls_thenARealRunBuildsIt() {
        Seen.drain();
        System.setProperty(DRY_RUN, "true");
        TestNGRun run;
        try {
            run = TestNGRun.of(DryRun.class);
        } finally {
            System.clearProperty(DRY_RUN);
        }

        assertThat(run.failed()).isEmpty();
        assertThat(run.configurationFailures()).isEmpty();
        assertThat(run.passed()).extracting(r -> r.getMethod().getMethodName())
                .containsExactlyInAnyOrder("withFields", "withProvider");
        assertThat(run.result("withProvider").getParameters()).hasSize(2).allMatch(Objects::isNull);
        assertThat(Seen.drain()).as("template setups run, methods invoked").isEmpty();

        // The same class for real: its template had not been built, so its setup runs now, once.
        TestNGRun real = TestNGRun.of(DryRun.class);

        assertThat(real.passed()).hasSize(2);
        List<Sighting> seen = Seen.drain();
        assertThat(seen).filteredOn(s -> s.phase().equals("setup")).hasSize(1);
        assertThat(seen).filteredOn(s -> s.phase().equals("test")).extracting(Sighting::value)
                .hasSize(2).allMatch(value -> value.contains("pgfixture_db_"));
    }
}
