package io.github.pgfixture.internal.server;

import io.github.pgfixture.internal.config.Settings;

/**
 * Chooses the server from the settings: the external one named by pgfixture.url, else an embedded one,
 * warm and shared ({@link WarmServer}) unless pgfixture.keep-alive is 0.
 */
public final class Servers {

    private Servers() {
    }

    public static Server open(Settings settings) {
        return settings.get(Settings.URL)
                .<Server>map(url -> ExternalServer.parse(url, settings.sourceOf(Settings.URL)))
                .orElseGet(() -> embedded(settings));
    }

    /** A server of this JVM's own with {@code pgfixture.keep-alive=0}, else the warm one these settings share. */
    private static Server embedded(Settings settings) {
        EmbeddedServer.Options options = EmbeddedServer.Options.from(settings);
        java.time.Duration keepAlive = WarmServer.keepAlive(settings);
        return keepAlive.isZero() ? EmbeddedServer.start(options)
                : WarmServer.open(options, keepAlive, WarmServer.warmDir(settings));
    }
}
