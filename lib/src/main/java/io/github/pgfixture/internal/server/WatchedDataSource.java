package io.github.pgfixture.internal.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A HikariCP pool that asks its server first: once the server is known to be gone, a connection
 * request fails at once with the death notice instead of waiting out HikariCP's connection timeout
 * (30 s) on every call. See docs/adr/0009-dead-server.md.
 */
public final class WatchedDataSource extends HikariDataSource {

    private final Server server;

    /** Starts the pool as {@code new HikariDataSource(config)} does. */
    public WatchedDataSource(HikariConfig config, Server server) {
        super(config);
        this.server = server;
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

    private void failIfGone() throws ServerGoneException {
        String notice = server.goneNotice();
        if (notice != null) {
            throw new ServerGoneException(notice);
        }
    }
}
