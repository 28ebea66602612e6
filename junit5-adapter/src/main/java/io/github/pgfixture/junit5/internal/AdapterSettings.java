package io.github.pgfixture.junit5.internal;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.junit5.TempDatabase;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The adapter's switches, read once per run: first as JUnit configuration parameters (the launcher's
 * own, system properties, {@code junit-platform.properties}), then as pgfixture settings (system
 * property, environment variable, {@code pgfixture.properties}).
 *
 * @param keepOnFailure      {@link TempDatabase#KEEP_ON_FAILURE}
 * @param abortIfUnavailable {@link TempDatabase#ABORT_IF_UNAVAILABLE}
 * @param prebuildTemplates  {@link TempDatabase#PREBUILD_TEMPLATES}
 */
public record AdapterSettings(boolean keepOnFailure, boolean abortIfUnavailable, boolean prebuildTemplates) {

    private static final String JUNIT_SOURCE = "JUnit configuration parameter";

    /**
     * @param junit looks a key up among JUnit's configuration parameters
     * @throws IllegalArgumentException naming the key and where its value came from, for a value
     *                                  other than true or false
     */
    public static AdapterSettings read(Function<String, Optional<String>> junit) {
        Settings settings = Settings.load();
        UnaryOperator<String> fromJUnit = key -> junit.apply(key).orElse(null);
        try {
            return new AdapterSettings(
                    settings.getBoolean(TempDatabase.KEEP_ON_FAILURE, false, fromJUnit, JUNIT_SOURCE),
                    settings.getBoolean(TempDatabase.ABORT_IF_UNAVAILABLE, false, fromJUnit, JUNIT_SOURCE),
                    settings.getBoolean(TempDatabase.PREBUILD_TEMPLATES, true, fromJUnit, JUNIT_SOURCE));
        } catch (PgFixtureException e) {
            // A configuration error: the callers turn it into JUnit's ExtensionConfigurationException.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
