package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.testng.fixtures.Misconfigured;
import io.github.pgfixture.testng.fixtures.Outcomes;
import io.github.pgfixture.testng.fixtures.Seen;
import org.junit.jupiter.api.Test;
import org.testng.ITestResult;
import org.testng.xml.XmlSuite;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What cannot work fails the test, with a PgFixtureException that says what to change. */
class MisconfigurationTest {

    @Test
    void eachMisconfiguredClass_itsTestFails_withAMessageNamingTheRemedy() {
        TestNGRun run = TestNGRun.of(Misconfigured.StaticField.class, Misconfigured.FinalField.class,
                Misconfigured.UnsupportedFieldType.class, Misconfigured.FieldsDisagree.class,
                Misconfigured.TwoWaysOfNaming.class, Misconfigured.SetupWithoutVersion.class,
                Misconfigured.ProviderUnsupportedParameter.class, Misconfigured.ProviderWithoutParameter.class);

        assertThat(run.passed()).isEmpty();
        assertThat(run.skipped()).isEmpty();
        assertFailure(run, "staticField", "StaticField.db: the field is static", "Make it an instance field");
        assertFailure(run, "finalField", "FinalField.db: the field is final", "Remove final");
        assertFailure(run, "unsupportedFieldType", "type java.lang.Integer is not supported",
                "TemporaryDatabase, javax.sql.DataSource, java.sql.Connection or String");
        assertFailure(run, "fieldsDisagree", "FieldsDisagree gets one database per test method",
                "Name the template once");
        assertFailure(run, "twoWaysOfNaming", "names its template in more than one way", "Keep exactly one");
        assertFailure(run, "setupWithoutVersion", "without a version", "version = \"...\"");
        assertFailure(run, "providerUnsupportedParameter", "parameter 1 (int) of ProviderUnsupportedParameter",
                "use a data provider of your own for it");
        assertFailure(run, "providerWithoutParameter", "has no parameter to receive the database", "Add one of type");
    }

    @Test
    void dataProviderWithoutTheListener_fails_namingHowToRegisterIt() {
        XmlSuite suite = TestNGRun.suite(XmlSuite.ParallelMode.NONE, 1, Map.of(), Misconfigured.ProviderOnly.class);

        TestNGRun run = TestNGRun.of(suite, testng ->
                testng.setListenersToSkipFromBeingWiredInViaServiceLoaders(PgFixtureListener.class.getName()));

        assertFailure(run, "providerOnly", "PgFixtureListener is not listening in suite",
                "Add @Listeners(PgFixtureListener.class) to ProviderOnly");
    }

    @Test
    void keepOnFailure_neitherTrueNorFalse_failsTheTests_namingKeyValueAndSource() {
        Seen.drain();
        XmlSuite suite = TestNGRun.suite(XmlSuite.ParallelMode.NONE, 1, Map.of(PgFixtureListener.KEEP_ON_FAILURE, "yes"),
                Outcomes.PassFailSkip.class);

        TestNGRun run = TestNGRun.of(suite);

        assertThat(run.failed()).hasSize(3);
        assertFailure(run, "passes", "Setting pgfixture.keep-on-failure = 'yes' (from TestNG parameter "
                + "pgfixture.keep-on-failure) must be true or false", "Correct or remove it");
        assertThat(Seen.drain()).isEmpty();
    }

    private static void assertFailure(TestNGRun run, String test, String... fragments) {
        ITestResult result = run.result(test);
        assertThat(result.getStatus()).as(test).isEqualTo(ITestResult.FAILURE);
        Throwable failure = result.getThrowable();
        while (!(failure instanceof PgFixtureException) && failure != null && failure.getCause() != null) {
            failure = failure.getCause();
        }
        assertThat(failure).as(test).isInstanceOf(PgFixtureException.class);
        assertThat(failure.getMessage()).as(test).contains(fragments);
    }
}
