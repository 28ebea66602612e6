package io.github.pgfixture.support;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.internal.config.Settings;

import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The switches every adapter reads, with the same keys and defaults: each is looked up first among
 * the framework's own parameters, then as a pgfixture setting (system property, environment variable,
 * {@code pgfixture.properties}).
 *
 * @param keepOnFailure      {@value #KEEP_ON_FAILURE}, default false
 * @param abortIfUnavailable {@value #ABORT_IF_UNAVAILABLE}, default false
 * @param prebuildTemplates  {@value #PREBUILD_TEMPLATES}, default true
 */
public record AdapterSettings(boolean keepOnFailure, boolean abortIfUnavailable, boolean prebuildTemplates) {

    /** Keep the database of a failed test for inspection instead of dropping it. */
    public static final String KEEP_ON_FAILURE = Settings.KEEP_ON_FAILURE;

    /** Skip (abort) the tests instead of failing them when PostgreSQL cannot be started on this machine. */
    public static final String ABORT_IF_UNAVAILABLE = Settings.ABORT_IF_UNAVAILABLE;

    /** Build the templates a run needs in parallel before its first test. */
    public static final String PREBUILD_TEMPLATES = Settings.PREBUILD_TEMPLATES;

    /**
     * Reads the three switches.
     *
     * @param framework       looks a key up among the framework's parameters; null when it is not given there
     * @param frameworkSource what the framework's parameters are called, for messages
     *                        (e.g. {@code "TestNG parameter"})
     * @return the switches
     * @throws PgFixtureException naming the key and where its value came from, for a value other than
     *                            true or false
     */
    public static AdapterSettings read(UnaryOperator<String> framework, String frameworkSource) {
        Settings settings = Settings.load();
        return new AdapterSettings(
                settings.getBoolean(KEEP_ON_FAILURE, false, framework, frameworkSource),
                settings.getBoolean(ABORT_IF_UNAVAILABLE, false, framework, frameworkSource),
                settings.getBoolean(PREBUILD_TEMPLATES, true, framework, frameworkSource));
    }

    /**
     * The shared cluster; when PostgreSQL is unavailable and {@link #abortIfUnavailable()} is on, the
     * framework's skip instead of the failure.
     *
     * @param skipped what the framework calls a skipped test ({@code "aborted"}, {@code "skipped"})
     * @param skip    makes the framework's skip exception from the message and the failure
     * @return the cluster
     * @throws PgFixtureException when PostgreSQL is unavailable and the switch is off
     */
    public SharedCluster clusterOrSkip(String skipped,
                                       BiFunction<String, PgFixtureException, ? extends RuntimeException> skip) {
        try {
            return SharedCluster.get();
        } catch (PgFixtureException e) {
            if (abortIfUnavailable) {
                throw skip.apply("PostgreSQL is unavailable, so this test is " + skipped + " ("
                        + ABORT_IF_UNAVAILABLE + " = true): " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
