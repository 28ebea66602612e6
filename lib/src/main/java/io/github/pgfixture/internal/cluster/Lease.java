package io.github.pgfixture.internal.cluster;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.server.Server;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This JVM's claim on the databases it names: a random run id, put into every database name the
 * library generates ({@code pgfixture_db_<run>_<n>}), and a session-level advisory lock on that id,
 * held by one connection for as long as the cluster is open. When the JVM dies, by any means, its
 * session ends and the lock with it, so any later start, on any machine sharing the server, can tell
 * that databases of that run have no owner left ({@link AdvisoryLocks#tryLockLease}).
 */
public final class Lease implements AutoCloseable {

    static final String DATABASE_PREFIX = "pgfixture_db_";

    private final String runId;
    private final Connection holder;
    private final AtomicLong counter = new AtomicLong();

    private Lease(String runId, Connection holder) {
        this.runId = runId;
        this.holder = holder;
    }

    public static Lease acquire(Server server) {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        String runId = HexFormat.of().formatHex(bytes);
        String url = server.jdbcUrl(server.maintenanceDatabase());
        try {
            Connection holder = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                    + "ApplicationName=pgfixture-lease-" + runId);
            AdvisoryLocks.lockLease(holder, runId);
            return new Lease(runId, holder);
        } catch (SQLException e) {
            throw new PgFixtureException("Cannot open the ownership session on " + server.describe() + ": "
                    + e.getMessage() + ". Check that the server accepts one more connection.", e);
        }
    }

    public String runId() {
        return runId;
    }

    /** A database name no other thread or JVM generates: {@code pgfixture_db_<run>_<n>}. */
    public String nextDatabaseName() {
        return DATABASE_PREFIX + runId + "_" + counter.incrementAndGet();
    }

    /** The run id inside a generated database name, or null for any other name. */
    static String runIdOf(String database) {
        if (!database.startsWith(DATABASE_PREFIX)) {
            return null;
        }
        String rest = database.substring(DATABASE_PREFIX.length());
        int underscore = rest.indexOf('_');
        String run = underscore == 8 ? rest.substring(0, 8) : null;
        return run != null && run.matches("[0-9a-f]{8}") ? run : null;
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (SQLException ignored) {
            // the session ends either way
        }
    }
}
