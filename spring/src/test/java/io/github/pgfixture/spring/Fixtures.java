package io.github.pgfixture.spring;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.spring.fixtures.Seen;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testng.ITestNGListener;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs fixture classes through JUnit's engine, and checks what they left behind. */
final class Fixtures {

    private Fixtures() {
    }

    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... classes) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .configurationParameters(parameters)
                .execute();
    }

    static EngineExecutionResults run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    /** Runs TestNG fixture classes programmatically, in one suite. */
    static TestListenerAdapter runTestNG(XmlSuite.ParallelMode parallel, Class<?>... classes) {
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

    /** The databases each fixture class saw, by class. */
    static Map<Class<?>, List<String>> databasesByClass() {
        return Seen.visits().stream().collect(Collectors.groupingBy(Seen.Visit::testClass,
                Collectors.mapping(Seen.Visit::database, Collectors.toList())));
    }

    /** Every clone the fixtures saw is gone, and this JVM holds no temporary database open. */
    static void assertNothingLeft() {
        SharedCluster cluster = SharedCluster.get();
        assertThat(cluster.awaitDrops(Duration.ofSeconds(30))).isTrue();
        assertThat(cluster.openTemporaryDatabases()).isEmpty();
        for (Seen.Visit visit : Seen.visits()) {
            assertThat(cluster.databaseExists(visit.database())).as(visit.database() + " of " + visit.test()).isFalse();
        }
    }
}
