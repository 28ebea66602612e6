package io.github.pgfixture.testng;

import io.github.pgfixture.SharedCluster;
import org.testng.ITestNGListener;
import org.testng.ITestResult;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One programmatic TestNG run over fixture classes, and what came of it. */
final class TestNGRun {

    private final TestListenerAdapter results = new TestListenerAdapter();
    private final Duration took;

    private TestNGRun(XmlSuite suite, Consumer<TestNG> configure) {
        TestNG testng = new TestNG(false); // no default reporters: nothing written to test-output/
        testng.setVerbose(0);
        testng.setOutputDirectory("target/testng-output");
        testng.setXmlSuites(List.of(suite));
        testng.addListener((ITestNGListener) results);
        configure.accept(testng);
        long start = System.nanoTime();
        testng.run();
        took = Duration.ofNanos(System.nanoTime() - start);
    }

    /** Runs {@code classes} in one sequential suite. */
    static TestNGRun of(Class<?>... classes) {
        return new TestNGRun(suite(XmlSuite.ParallelMode.NONE, 1, Map.of(), classes), t -> { });
    }

    static TestNGRun of(XmlSuite suite) {
        return new TestNGRun(suite, t -> { });
    }

    static TestNGRun of(XmlSuite suite, Consumer<TestNG> configure) {
        return new TestNGRun(suite, configure);
    }

    static XmlSuite suite(XmlSuite.ParallelMode parallel, int threads, Map<String, String> parameters, Class<?>... classes) {
        XmlSuite suite = new XmlSuite();
        suite.setName("pgfixture-fixtures");
        suite.setParallel(parallel);
        suite.setThreadCount(threads);
        suite.setParameters(parameters);
        XmlTest test = new XmlTest(suite);
        test.setName("fixtures");
        test.setXmlClasses(Arrays.stream(classes).map(XmlClass::new).toList());
        return suite;
    }

    List<ITestResult> passed() {
        return results.getPassedTests();
    }

    List<ITestResult> failed() {
        return results.getFailedTests();
    }

    List<ITestResult> skipped() {
        return results.getSkippedTests();
    }

    List<ITestResult> configurationFailures() {
        return results.getConfigurationFailures();
    }

    Duration took() {
        return took;
    }

    /** The one result of test method {@code name}. */
    ITestResult result(String name) {
        List<ITestResult> all = new java.util.ArrayList<>();
        all.addAll(passed());
        all.addAll(failed());
        all.addAll(skipped());
        List<ITestResult> matching = all.stream().filter(r -> r.getMethod().getMethodName().equals(name)).toList();
        assertThat(matching).as("results of " + name).hasSize(1);
        return matching.get(0);
    }

    /** Every one of {@code names} is dropped (the pool drops clones in the background, so wait a little). */
    static void assertDropped(Collection<String> names) {
        SharedCluster cluster = SharedCluster.get();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(names.stream().filter(cluster::databaseExists).toList()).as("databases left behind").isEmpty());
    }
}
