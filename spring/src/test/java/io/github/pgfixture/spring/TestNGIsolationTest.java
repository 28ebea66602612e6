package io.github.pgfixture.spring;

import io.github.pgfixture.spring.fixtures.Seen;
import io.github.pgfixture.spring.fixtures.TestNGParallelMethodsNotes;
import io.github.pgfixture.spring.fixtures.TestNGPerClassNotes;
import io.github.pgfixture.spring.fixtures.TestNGPerMethodNotes;
import org.junit.jupiter.api.Test;
import org.testng.TestListenerAdapter;
import org.testng.xml.XmlSuite;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The TestNG fixtures (AbstractTestNGSpringContextTests) run programmatically, classes in parallel. */
class TestNGIsolationTest extends FixtureRun {

    @Test
    void parallelClasses_perMethodAndPerClassClones() {
        TestListenerAdapter results = Fixtures.runTestNG(XmlSuite.ParallelMode.CLASSES, TestNGPerMethodNotes.class, TestNGPerClassNotes.class);
        assertThat(results.getFailedTests()).isEmpty();
        assertThat(results.getConfigurationFailures()).isEmpty();
        assertThat(results.getPassedTests()).hasSize(5);
        Map<Class<?>, List<String>> seen = Fixtures.databasesByClass();
        assertThat(seen.get(TestNGPerMethodNotes.class)).hasSize(3).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen.get(TestNGPerClassNotes.class))).hasSize(1);
        assertThat(seen.get(TestNGPerMethodNotes.class)).doesNotContainAnyElementsOf(seen.get(TestNGPerClassNotes.class));
    }

    @Test
    void parallelMethods_takeTurnsOnTheContext_eachOnItsOwnClone() {
        TestListenerAdapter results = Fixtures.runTestNG(XmlSuite.ParallelMode.METHODS, TestNGParallelMethodsNotes.class);
        assertThat(results.getFailedTests()).isEmpty();
        assertThat(results.getPassedTests()).hasSize(3);
        List<Seen.Visit> visits = Seen.visits().stream()
                .sorted(java.util.Comparator.comparingLong(Seen.Visit::startNanos)).toList();
        assertThat(visits).extracting(Seen.Visit::database).doesNotHaveDuplicates().hasSize(3);
        for (int i = 1; i < visits.size(); i++) {
            assertThat(visits.get(i).startNanos()).as("one method after the other").isGreaterThanOrEqualTo(visits.get(i - 1).endNanos());
        }
    }
}
