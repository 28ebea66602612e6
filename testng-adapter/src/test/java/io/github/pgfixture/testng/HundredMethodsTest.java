package io.github.pgfixture.testng;

import io.github.pgfixture.testng.fixtures.HundredMethods;
import io.github.pgfixture.testng.fixtures.Seen;
import io.github.pgfixture.testng.fixtures.Seen.Sighting;
import io.github.pgfixture.testng.fixtures.Templates;
import org.junit.jupiter.api.Test;
import org.testng.xml.XmlSuite.ParallelMode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bar: 100 methods under parallel="methods" thread-count="4", each on its own database, none left. */
class HundredMethodsTest {

    @Test
    void hundredMethods_parallelMethods_fourThreads_eachOnItsOwnDatabase_noneLeft() {
        TestNGRun.of(Templates.ClassDefault.class); // boots the cluster and builds the template: not timed
        Seen.drain();

        TestNGRun run = TestNGRun.of(TestNGRun.suite(ParallelMode.METHODS, 4, Map.of(), HundredMethods.class));

        // Printed, not asserted: a figure to compare across runs on the same machine (see docs/testng.md).
        System.out.printf("pgfixture-testng: 100 methods, parallel=\"methods\", thread-count=4: %d ms for the run "
                + "(cluster booted and template built before); a method took %d ms on average%n", run.took().toMillis(),
                (long) run.passed().stream().mapToLong(r -> r.getEndMillis() - r.getStartMillis()).average().orElse(0));
        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).isEmpty();
        assertThat(run.passed()).hasSize(100);
        List<Sighting> seen = Seen.drain();
        List<String> names = seen.stream().map(Sighting::value).toList();
        assertThat(names).hasSize(100).doesNotHaveDuplicates().allMatch(name -> name.startsWith("pgfixture_db_"));
        assertThat(seen.stream().map(Sighting::thread).distinct().count()).as("threads used").isEqualTo(4);
        TestNGRun.assertDropped(names);
    }
}
