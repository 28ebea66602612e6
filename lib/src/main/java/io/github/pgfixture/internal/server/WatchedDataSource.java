package io.github.pgfixture.internal.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A HikariCP pool that asks its server first: once the server is known to be gone, a connection
 * request fails at once with the death notice instead of waiting out HikariCP's connection timeout
 * (30 s) on every call. See docs/adr/0009-dead-server.md.
 */
public final class WatchedDataSource extends HikariDataSource {

    /** The pools of this kind started and not yet closed, in this JVM (several may share a name: the admin pools). */
    private static final Set<WatchedDataSource> OPEN = ConcurrentHashMap.newKeySet();

    private final Server server;
    /** Set by {@link #retire()}: the pool hands out nothing more, though its shutdown is still to come. */
    private volatile boolean retired;

    /** Starts the pool as {@code new HikariDataSource(config)} does. */
    public WatchedDataSource(HikariConfig config, Server server) {
        super(config);
        this.server = server;
        OPEN.add(this);
    }

    /**
     * The pool names of every pool of this kind started and not yet closed in this JVM; a pool whose
     * database is gone must not be among them. For tests and diagnostics: pools that share one
     * housekeeping thread have no thread of their own to show that they are still open.
     *
     * @return a snapshot of the names
     */
    public static Set<String> openPoolNames() {
        return OPEN.stream().map(WatchedDataSource::getPoolName).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            OPEN.remove(this);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        failIfGone();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        failIfGone();
        return super.getConnection(username, password);
    }

    /**
     * Stops handing out connections now, as {@link #close()} would, but leaves the shutdown itself
     * (closing the idle connections, joining HikariCP's threads: 1–4 ms here) to whoever calls
     * {@link #close()} later, on another thread. From here on {@link #isClosed()} is true and
     * {@code getConnection} throws as on a closed pool.
     *
     * @return true if no connection was borrowed at that moment, so that none the caller still holds can
     *         reach the database until the shutdown; false if one was: the caller should close now
     */
    public boolean retire() {
        retired = true;
        HikariPoolMXBean pool = getHikariPoolMXBean();
        return pool != null && pool.getActiveConnections() == 0;
    }

    /** True once retired or closed; HikariCP's own {@code getConnection} checks this first. */
    @Override
    public boolean isClosed() {
        return retired || super.isClosed();
    }

    private void failIfGone() throws ServerGoneException {
        String notice = server.goneNotice();
        if (notice != null) {
            throw new ServerGoneException(notice);
        }
    }
}
