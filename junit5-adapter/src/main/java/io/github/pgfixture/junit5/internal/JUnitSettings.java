package io.github.pgfixture.junit5.internal;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.junit5.TempDatabase;
import io.github.pgfixture.support.AdapterSettings;

import java.util.Optional;
import java.util.function.Function;

/**
 * The adapter's switches ({@link TempDatabase#KEEP_ON_FAILURE}, {@link TempDatabase#ABORT_IF_UNAVAILABLE},
 * {@link TempDatabase#PREBUILD_TEMPLATES}), read once per run: first as JUnit configuration parameters
 * (the launcher's own, system properties, {@code junit-platform.properties}), then as pgfixture settings
 * (system property, environment variable, {@code pgfixture.properties}).
 */
public final class JUnitSettings {

    private JUnitSettings() {
    }

    /**
     * @param junit looks a key up among JUnit's configuration parameters
     * @throws IllegalArgumentException naming the key and where its value came from, for a value
     *                                  other than true or false
     */
    public static AdapterSettings read(Function<String, Optional<String>> junit) {
        try {
            return AdapterSettings.read(key -> junit.apply(key).orElse(null), "JUnit configuration parameter");
        } catch (PgFixtureException e) {
            // A configuration error: the callers turn it into JUnit's ExtensionConfigurationException.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
