package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.testng.fixtures.Parallel;
import io.github.pgfixture.testng.fixtures.Seen;
import io.github.pgfixture.testng.fixtures.Seen.Sighting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.IConfigurationListener;
import org.testng.ITestResult;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlSuite.ParallelMode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TestNG's parallel modes with four threads: every test method writes a row to its database and checks
 * that it sees only its own ({@link Seen#ownRow}), so two methods sharing a database fail.
 */
class ParallelTest {

    @BeforeEach
    void forgetEarlierSightings() {
        Seen.drain();
    }

    @Test
    void parallelClasses_fourThreads_fieldsHoldEachMethodsOwnDatabase() {
        TestNGRun run = TestNGRun.of(TestNGRun.suite(ParallelMode.CLASSES, 4, Map.of(), Parallel.First.class,
                Parallel.Second.class, Parallel.Third.class, Parallel.Fourth.class));

        assertAllOwnDatabases(run, 20);
    }

    @Test
    void parallelInstances_groupByInstances_fourThreads_fieldsHoldEachMethodsOwnDatabase() {
        XmlSuite suite = TestNGRun.suite(ParallelMode.INSTANCES, 4, Map.of(), Parallel.Instances.class);
        suite.setGroupByInstances(true);

        TestNGRun run = TestNGRun.of(suite);

        assertAllOwnDatabases(run, 40);
    }

    @Test
    void parallelInstances_withoutGroupByInstances_fieldsRefused_namingTheSetting() {
        TestNGRun run = TestNGRun.of(TestNGRun.suite(ParallelMode.INSTANCES, 4, Map.of(), Parallel.Instances.class));

        assertThat(run.passed()).isEmpty();
        // Each of the 8 instances has its first @BeforeMethod (or several, run at once) refused; TestNG then
        // skips the rest of the instance's methods.
        assertThat(run.configurationFailures()).extracting(ITestResult::getInstance).doesNotContainNull()
                .satisfies(instances -> assertThat(instances.stream().distinct().count()).isEqualTo(8));
        assertThat(run.configurationFailures()).allSatisfy(result -> assertRefused(result,
                "runs parallel=\"instances\" with thread-count=4 but without group-by-instances=\"true\""));
        assertThat(run.skipped()).hasSize(40);
        assertThat(Seen.drain()).isEmpty();
    }

    @Test
    void parallelMethods_fields_refused_pointingToTheDataProvider() {
        TestNGRun run = TestNGRun.of(TestNGRun.suite(ParallelMode.METHODS, 4, Map.of(),
                Parallel.FieldsUnderParallelMethods.class, Parallel.FieldsAndBeforeMethodUnderParallelMethods.class));

        assertThat(run.passed()).isEmpty();
        assertThat(run.failed()).hasSize(2).allSatisfy(result ->
                assertRefused(result, "runs parallel=\"methods\" with thread-count=4"));
        // With a @BeforeMethod the refusal comes first there: a configuration failure, the test skipped.
        assertThat(run.configurationFailures()).hasSize(1).allSatisfy(result ->
                assertRefused(result, "runs parallel=\"methods\" with thread-count=4"));
        assertThat(run.skipped()).extracting(r -> r.getMethod().getMethodName()).containsExactly("one");
        assertThat(Seen.drain()).isEmpty();
    }

    @Test
    void parallelMethods_singleThreadedClass_fieldsWork() {
        TestNGRun run = TestNGRun.of(TestNGRun.suite(ParallelMode.METHODS, 4, Map.of(), Parallel.SingleThreaded.class));

        assertOwnDatabases(run, 4, 1);
    }

    @Test
    void threadPoolSize_fieldsRefused() {
        TestNGRun run = TestNGRun.of(Parallel.ThreadPool.class);

        assertThat(run.passed()).isEmpty();
        assertThat(run.failed()).hasSize(4).allSatisfy(result -> assertRefused(result, "pooled runs with threadPoolSize=2"));
    }

    @Test
    void threadPoolSize_dataProvider_eachInvocationItsOwnDatabase() {
        TestNGRun run = TestNGRun.of(Parallel.ThreadPoolWithProvider.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.passed()).hasSize(6);
        List<Sighting> seen = Seen.drain();
        List<String> names = seen.stream().map(Sighting::value).toList();
        assertThat(names).hasSize(6).doesNotHaveDuplicates();
        assertThat(seen.stream().map(Sighting::thread).distinct().count()).isGreaterThan(1);
        TestNGRun.assertDropped(names);
    }

    @Test
    void twoMethodsOfOneInstanceAtOnce_notForeseenByTheConfiguration_secondRefusedAtRunTime() {
        Parallel.TwoInheritedMethods.refused = new CountDownLatch(1);
        IConfigurationListener countRefusals = new IConfigurationListener() {
            @Override
            public void onConfigurationFailure(ITestResult result) {
                Parallel.TwoInheritedMethods.refused.countDown();
            }
        };

        TestNGRun run = TestNGRun.of(TestNGRun.suite(ParallelMode.METHODS, 4, Map.of(),
                Parallel.SingleThreadedInName.class), testng -> testng.addListener(countRefusals));

        // One method claims the fields, the other is refused in its @BeforeMethod and skipped. TestNG then
        // skips the first one too if the refusal lands before its test method starts: either is fine.
        assertThat(run.failed()).isEmpty();
        assertThat(run.passed().size() + run.skipped().size()).isEqualTo(2);
        assertThat(run.configurationFailures()).singleElement().satisfies(result -> {
            assertThat(result.getThrowable()).isInstanceOf(PgFixtureException.class);
            assertThat(result.getThrowable().getMessage()).contains("still hold database",
                    "of another test method that is running at the same time", "PgFixtureListener.DATABASE");
        });
        List<Sighting> seen = Seen.drain();
        List<String> before = seen.stream().filter(s -> s.phase().equals("before")).map(Sighting::value).toList();
        assertThat(before).hasSize(1);
        assertThat(seen).filteredOn(s -> s.phase().equals("test")).extracting(Sighting::value)
                .hasSize(run.passed().size()).allMatch(before.get(0)::equals);
        Matcher refused = Pattern.compile("this test's database (\\S+)\\.")
                .matcher(run.configurationFailures().get(0).getThrowable().getMessage());
        assertThat(refused.find()).isTrue();
        assertThat(refused.group(1)).isNotEqualTo(before.get(0));
        TestNGRun.assertDropped(List.of(before.get(0), refused.group(1)));
    }

    private static void assertAllOwnDatabases(TestNGRun run, int count) {
        assertOwnDatabases(run, count, 2);
    }

    /**
     * {@code count} passed tests, each on a database of its own that its @BeforeMethod saw too, all dropped;
     * run on {@code minThreads} threads or more (exactly one if that is 1).
     */
    private static void assertOwnDatabases(TestNGRun run, int count, int minThreads) {
        assertThat(run.failed()).isEmpty();
        assertThat(run.configurationFailures()).extracting(ITestResult::getThrowable).isEmpty();
        assertThat(run.passed()).hasSize(count);
        List<Sighting> seen = Seen.drain();
        Map<String, String> byTestAndPhase = InjectionTest.byTestAndPhase(seen);
        List<String> names = seen.stream().filter(s -> s.phase().equals("test")).map(Sighting::value).toList();
        assertThat(names).hasSize(count).doesNotHaveDuplicates();
        seen.stream().filter(s -> s.phase().equals("test")).forEach(s ->
                assertThat(byTestAndPhase.get(s.test() + "/before")).as(s.test()).isEqualTo(s.value()));
        long threads = seen.stream().map(Sighting::thread).distinct().count();
        if (minThreads == 1) {
            assertThat(threads).as("threads used").isEqualTo(1);
        } else {
            assertThat(threads).as("threads used").isGreaterThanOrEqualTo(minThreads);
        }
        TestNGRun.assertDropped(names);
    }

    private static void assertRefused(ITestResult result, String reason) {
        assertThat(result.getThrowable()).isInstanceOf(PgFixtureException.class);
        assertThat(result.getThrowable().getMessage()).contains(reason)
                .contains("@Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)");
    }
}
