package io.github.pgfixture.internal.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * pgfixture's PostgreSQL advisory locks, in the two-key form {@code (classid, objid)} so they cannot
 * collide with an application's single-key locks: one class for template builds, one for run leases.
 */
final class AdvisoryLocks {

    /** Template builds: ('pgfx', hash of the template name). */
    static final int BUILD = 0x70676678;
    /** Run leases: ('pgfl', the run id). */
    static final int LEASE = 0x7067666C;

    private AdvisoryLocks() {
    }

    /** Waits for the build lock of {@code template} on this session. */
    static void lockBuild(Connection c, String template) throws SQLException {
        run(c, "SELECT pg_advisory_lock(" + BUILD + ", " + template.hashCode() + ")");
    }

    static void unlockBuild(Connection c, String template) throws SQLException {
        run(c, "SELECT pg_advisory_unlock(" + BUILD + ", " + template.hashCode() + ")");
    }

    /** True, and the lock is held, when nobody is building {@code template}. */
    static boolean tryLockBuild(Connection c, String template) throws SQLException {
        return tryLock(c, BUILD, template.hashCode());
    }

    static void lockLease(Connection c, String runId) throws SQLException {
        run(c, "SELECT pg_advisory_lock(" + LEASE + ", " + leaseKey(runId) + ")");
    }

    /** True, and the lock is held, when no session holds the lease of {@code runId}. */
    static boolean tryLockLease(Connection c, String runId) throws SQLException {
        return tryLock(c, LEASE, leaseKey(runId));
    }

    static void unlockLease(Connection c, String runId) throws SQLException {
        run(c, "SELECT pg_advisory_unlock(" + LEASE + ", " + leaseKey(runId) + ")");
    }

    private static int leaseKey(String runId) {
        return (int) Long.parseLong(runId, 16);
    }

    private static boolean tryLock(Connection c, int classId, int objId) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + classId + ", " + objId + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
