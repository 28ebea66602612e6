package io.github.pgfixture.internal.config;

/**
 * Main class of the child JVM that {@link SettingsTest} starts with a controlled environment: prints
 * {@code key=value|source} for every key given as an argument, as {@link Settings#load()} sees it.
 */
public final class SettingsProbe {

    private SettingsProbe() {
    }

    public static void main(String[] keys) {
        Settings settings = Settings.load();
        for (String key : keys) {
            System.out.println(key + "=" + settings.get(key).orElse("<unset>") + "|" + settings.sourceOf(key));
        }
    }
}
