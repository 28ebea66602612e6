package io.github.pgfixture.internal.server;

/** A PostgreSQL server that pgfixture administers: one it booted, or one the user named. */
public interface Server extends AutoCloseable {

    /** JDBC URL of {@code database} with credentials; the name must already be checked. */
    String jdbcUrl(String database);

    /** The database administrative connections use; never a template. */
    String maintenanceDatabase();

    /** True when this JVM started the server, and stopping it removes all of its databases. */
    boolean embedded();

    /** For logs and messages: never contains the password. */
    String describe();

    /**
     * Null while the server is believed to run; once it is known to be gone (an embedded postmaster
     * that ended without being stopped), the message every later call fails with.
     */
    default String goneNotice() {
        return null;
    }

    /**
     * How many finished templates of each label a start keeps when {@code pgfixture.keep-templates} is
     * not set, dropping older ones; -1 keeps all.
     */
    default int templatesKeptByDefault() {
        return -1;
    }

    /** Stops an embedded server and deletes its files; does nothing to an external server. Idempotent. */
    @Override
    void close();
}
