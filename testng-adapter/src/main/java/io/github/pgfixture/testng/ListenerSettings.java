package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.support.AdapterSettings;
import org.testng.ISuite;
import org.testng.ITestContext;

/**
 * The listener's three switches, lib's {@link AdapterSettings} (the same keys as the JUnit 5 adapter's).
 * Each is looked up first among the TestNG parameters ({@code <parameter>} of the {@code <test>}, then of
 * the {@code <suite>}), then as a pgfixture setting (system property, environment variable,
 * {@code pgfixture.properties}).
 */
final class ListenerSettings {

    private static final String ATTRIBUTE = "io.github.pgfixture.testng.settings";

    private ListenerSettings() {
    }

    /**
     * The settings of {@code context}'s {@code <test>}, read on first use and kept in the context.
     *
     * @throws PgFixtureException naming the key and where its value came from, for a value other
     *                            than true or false
     */
    static AdapterSettings of(ITestContext context) {
        Object known = context.getAttribute(ATTRIBUTE);
        if (known instanceof AdapterSettings settings) {
            return settings;
        }
        AdapterSettings settings = AdapterSettings.read(key -> context.getCurrentXmlTest() == null ? null
                : context.getCurrentXmlTest().getParameter(key), "TestNG parameter");
        context.setAttribute(ATTRIBUTE, settings); // a race only reads them twice
        return settings;
    }

    /** The settings of {@code suite} as a whole, from its {@code <suite>} parameters and the settings. */
    static AdapterSettings of(ISuite suite) {
        return AdapterSettings.read(suite::getParameter, "suite parameter");
    }
}
