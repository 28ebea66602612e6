package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.support.AdapterSettings;
import org.testng.ISuite;
import org.testng.ITestContext;

import java.util.function.UnaryOperator;

/**
 * The listener's three switches, the same keys as the JUnit 5 adapter's. Each is looked up first among
 * the TestNG parameters ({@code <parameter>} of the {@code <test>}, then of the {@code <suite>}), then
 * as a pgfixture setting (system property, environment variable, {@code pgfixture.properties}).
 *
 * @param keepOnFailure      {@link PgFixtureListener#KEEP_ON_FAILURE}, default false
 * @param abortIfUnavailable {@link PgFixtureListener#ABORT_IF_UNAVAILABLE}, default false
 * @param prebuildTemplates  {@link PgFixtureListener#PREBUILD_TEMPLATES}, default true
 */
record ListenerSettings(boolean keepOnFailure, boolean abortIfUnavailable, boolean prebuildTemplates) {

    private static final String ATTRIBUTE = "io.github.pgfixture.testng.settings";

    /**
     * The settings of {@code context}'s {@code <test>}, read on first use and kept in the context.
     *
     * @throws PgFixtureException naming the key and where its value came from, for a value other
     *                            than true or false
     */
    static ListenerSettings of(ITestContext context) {
        Object known = context.getAttribute(ATTRIBUTE);
        if (known instanceof ListenerSettings settings) {
            return settings;
        }
        ListenerSettings settings = read(key -> context.getCurrentXmlTest() == null ? null
                : context.getCurrentXmlTest().getParameter(key), "TestNG parameter");
        context.setAttribute(ATTRIBUTE, settings); // a race only reads them twice
        return settings;
    }

    /** The settings of {@code suite} as a whole, from its {@code <suite>} parameters and the settings. */
    static ListenerSettings of(ISuite suite) {
        return read(suite::getParameter, "suite parameter");
    }

    private static ListenerSettings read(UnaryOperator<String> testng, String testngSource) {
        AdapterSettings settings = AdapterSettings.read(testng, testngSource);
        return new ListenerSettings(settings.keepOnFailure(), settings.abortIfUnavailable(),
                settings.prebuildTemplates());
    }
}
