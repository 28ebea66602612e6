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
        if (!keepAlive.isZero()) {
            preloadClientClasses();
        }
        return keepAlive.isZero() ? EmbeddedServer.start(options)
                : WarmServer.open(options, keepAlive, WarmServer.warmDir(settings));
    }

    /**
     * Loads the JDBC driver and the pool on another thread while this one attaches to a warm server:
     * in a fresh JVM their classes take longer to load than the attach itself, and the first
     * connection needs them right after it.
     */
    private static void preloadClientClasses() {
        ClassLoader loader = Servers.class.getClassLoader();
        Thread preload = new Thread(() -> {
            try {
                for (String name : new String[] {"org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource",
                        "com.zaxxer.hikari.pool.HikariPool", "org.postgresql.jdbc.PgConnection",
                        "org.postgresql.core.v3.ConnectionFactoryImpl", "org.postgresql.core.v3.QueryExecutorImpl"}) {
                    Class.forName(name, true, loader);
                }
                // What the SCRAM login needs first: the JDK's security providers
                java.security.MessageDigest.getInstance("SHA-256");
                javax.crypto.Mac.getInstance("HmacSHA256");
            } catch (ReflectiveOperationException | java.security.GeneralSecurityException | LinkageError absent) {
                // the connection that needs it reports it
            }
        }, "pgfixture-preload");
        preload.setDaemon(true);
        preload.start();
    }
}
