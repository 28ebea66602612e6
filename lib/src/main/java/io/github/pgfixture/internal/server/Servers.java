package io.github.pgfixture.internal.server;

import io.github.pgfixture.internal.config.Settings;

/** Chooses the server from the settings: the external one named by pgfixture.url, else an embedded one. */
public final class Servers {

    private Servers() {
    }

    public static Server open(Settings settings) {
        return settings.get(Settings.URL)
                .<Server>map(url -> ExternalServer.parse(url, settings.sourceOf(Settings.URL)))
                .orElseGet(() -> EmbeddedServer.start(EmbeddedServer.Options.from(settings)));
    }
}
