package io.github.pgfixture.internal.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions connected to a database, told apart by {@code application_name}: our own pool's (which
 * we just closed) and everybody else's.
 *
 * <p>When a client closes a connection, its server process needs a moment to exit and leave
 * {@code pg_stat_activity}; on a loaded machine that can take hundreds of milliseconds. Judging
 * "someone else is still connected" before our own closed sessions are gone gives false warnings,
 * and a DROP DATABASE that meets them sleeps in 100 ms steps. So we wait for our own to go, for a
 * bounded time, and give sessions that are not ours only a short grace: a client that closed its
 * connection just before is gone by then, a forgotten one is reported at once.
 */
final class Sessions {

    /** How long to wait for our own just-closed sessions to exit. */
    static final long OWN_EXIT_MILLIS = 2_000;
    /** How long sessions that are not ours get to leave before they count as still connected. */
    static final long OTHERS_GRACE_MILLIS = 50;

    private Sessions() {
    }

    /**
     * Polls (every millisecond, about 0.5 ms a query) until no session is connected to
     * {@code database} except the polling one; but stops once ours are gone and the others have had
     * {@link #OTHERS_GRACE_MILLIS}, or after {@link #OWN_EXIT_MILLIS} at most.
     *
     * @param own the {@code application_name} our pool gave its connections
     */
    static Admin.Remaining awaitOwnGone(Connection c, String database, String own) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE application_name = ?), "
                + "count(*) FILTER (WHERE application_name IS DISTINCT FROM ?) "
                + "FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, own);
            ps.setString(2, own);
            ps.setString(3, database);
            while (true) {
                Admin.Remaining remaining;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    remaining = new Admin.Remaining(rs.getInt(1), rs.getInt(2));
                }
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
                if (remaining.none() || (remaining.own() == 0 && elapsedMillis >= OTHERS_GRACE_MILLIS)
                        || elapsedMillis >= OWN_EXIT_MILLIS) {
                    return remaining;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return remaining;
                }
            }
        }
    }

    /**
     * One line per session on {@code database} whose {@code application_name} is not {@code own}
     * (all of them when {@code own} is null): pid, application_name, state and last query.
     */
    static List<String> others(Connection c, String database, String own) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pid, application_name, state, left(query, 200) FROM pg_stat_activity "
                        + "WHERE datname = ? AND pid <> pg_backend_pid() AND application_name IS DISTINCT FROM ? "
                        + "ORDER BY pid")) {
            ps.setString(1, database);
            ps.setString(2, own);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add("pid " + rs.getInt(1) + " application_name='" + rs.getString(2) + "' state="
                            + rs.getString(3) + " last query: " + rs.getString(4));
                }
            }
        }
        return sessions;
    }
}
