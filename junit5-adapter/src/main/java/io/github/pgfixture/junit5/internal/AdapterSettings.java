package io.github.pgfixture.junit5.internal;

import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.junit5.TempDatabase;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * @param junit looks a key up among JUnit's configuration parameters
     * @throws IllegalArgumentException naming the key and where its value came from, for a value
     *                                  other than true or false
     */
    public static AdapterSettings read(Function<String, Optional<String>> junit) {
        Settings settings = Settings.load();
        return new AdapterSettings(
                flag(TempDatabase.KEEP_ON_FAILURE, false, junit, settings),
                flag(TempDatabase.ABORT_IF_UNAVAILABLE, false, junit, settings),
                flag(TempDatabase.PREBUILD_TEMPLATES, true, junit, settings));
    }

    private static boolean flag(String key, boolean defaultValue, Function<String, Optional<String>> junit,
                                Settings settings) {
        Optional<String> value = junit.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        String source = "JUnit configuration parameter " + key;
        if (value.isEmpty()) {
            value = settings.get(key);
            source = settings.sourceOf(key);
        }
        if (value.isEmpty()) {
            return defaultValue;
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("Setting " + key + " = '" + value.get() + "' (from " + source
                        + ") must be true or false. Correct or remove it.");
        }
    }
}
