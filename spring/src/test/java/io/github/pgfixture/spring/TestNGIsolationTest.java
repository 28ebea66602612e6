package io.github.pgfixture.spring;

import io.github.pgfixture.spring.fixtures.Seen;
import io.github.pgfixture.spring.fixtures.TestNGParallelMethodsNotes;
import io.github.pgfixture.spring.fixtures.TestNGPerClassNotes;
import io.github.pgfixture.spring.fixtures.TestNGPerMethodNotes;
import org.junit.jupiter.api.Test;
import org.testng.ITestNGListener;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The TestNG fixtures (AbstractTestNGSpringContextTests) run programmatically, classes in parallel. */
class TestNGIsolationTest extends FixtureRun {

    @Test
    void parallelClasses_perMethodAndPerClassClones() {
        TestListenerAdapter results = run(XmlSuite.ParallelMode.CLASSES, TestNGPerMethodNotes.class, TestNGPerClassNotes.class);
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
        TestListenerAdapter results = run(XmlSuite.ParallelMode.METHODS, TestNGParallelMethodsNotes.class);
        assertThat(results.getFailedTests()).isEmpty();
        assertThat(results.getPassedTests()).hasSize(3);
        List<Seen.Visit> visits = Seen.visits().stream()
                .sorted(java.util.Comparator.comparingLong(Seen.Visit::startNanos)).toList();
        assertThat(visits).extracting(Seen.Visit::database).doesNotHaveDuplicates().hasSize(3);
        for (int i = 1; i < visits.size(); i++) {
            assertThat(visits.get(i).startNanos()).as("one method after the other").isGreaterThanOrEqualTo(visits.get(i - 1).endNanos());
        }
    }

    private static TestListenerAdapter run(XmlSuite.ParallelMode parallel, Class<?>... classes) {
        XmlSuite suite = new XmlSuite();
        suite.setName("pgfixture-spring-fixtures");
        suite.setParallel(parallel);
        suite.setThreadCount(3);
        XmlTest test = new XmlTest(suite);
        test.setName("fixtures");
        test.setXmlClasses(java.util.Arrays.stream(classes).map(XmlClass::new).toList());
        TestNG testng = new TestNG(false);
        testng.setVerbose(0);
        testng.setOutputDirectory("target/testng-output");
        testng.setXmlSuites(List.of(suite));
        TestListenerAdapter results = new TestListenerAdapter();
        testng.addListener((ITestNGListener) results);
        testng.run();
        return results;
    }
}
