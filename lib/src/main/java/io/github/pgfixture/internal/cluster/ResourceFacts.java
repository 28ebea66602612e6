package io.github.pgfixture.internal.cluster;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.pgfixture.internal.server.Server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What the server's limits look like right now, for the messages of SQLSTATE 53300 (no connection
 * slot left) and 53100 (disk full): read over an admin connection only if one is idle, since at
 * connection exhaustion a new one would be refused too and waiting for one costs HikariCP's timeout.
 */
final class ResourceFacts {

    private ResourceFacts() {
    }

    /** The facts for {@code e}'s SQLSTATE, or null when it is neither 53300 nor 53100. */
    static String of(SQLException e, HikariDataSource pool, Server server) {
        return isLimit(e) ? withIdle(pool, c -> of(e, c, server)) : null;
    }

    /** As above, read over {@code c}, an admin connection held already. */
    static String of(SQLException e, Connection c, Server server) {
        String state = String.valueOf(e.getSQLState());
        try {
            if (state.equals(SqlFailures.TOO_MANY_CONNECTIONS)) {
                return connections(c);
            }
            return state.equals(SqlFailures.DISK_FULL) ? disk(c, server) : null;
        } catch (SQLException | RuntimeException failed) {
            return "The figures could not be read: " + failed.getMessage() + ".";
        }
    }

    /** The connections in use, read over an idle connection of {@code pool}, or why they could not be read. */
    static String connections(HikariDataSource pool) {
        return withIdle(pool, ResourceFacts::connections);
    }

    private interface Query {
        String on(Connection c) throws SQLException;
    }

    private static String withIdle(HikariDataSource pool, Query query) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null || bean.getIdleConnections() == 0) {
            return "The figures could not be read: pgfixture's admin connections were all busy.";
        }
        try (Connection c = pool.getConnection()) {
            return query.on(c);
        } catch (SQLException | RuntimeException failed) {
            return "The figures could not be read: " + failed.getMessage() + ".";
        }
    }

    private static boolean isLimit(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.equals(SqlFailures.TOO_MANY_CONNECTIONS) || state.equals(SqlFailures.DISK_FULL);
    }

    /** "In use: 10 of max_connections 10: 2 by TemporaryDatabase pools on 2 databases, ..." */
    private static String connections(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), current_setting('max_connections')::int, "
                     + "count(*) FILTER (WHERE application_name LIKE 'pgfixture-db-%'), "
                     + "count(DISTINCT datname) FILTER (WHERE application_name LIKE 'pgfixture-db-%'), "
                     + "count(*) FILTER (WHERE application_name LIKE 'pgfixture-%' "
                     + "AND application_name NOT LIKE 'pgfixture-db-%') "
                     + "FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
            rs.next();
            long total = rs.getLong(1);
            long pools = rs.getLong(3);
            long own = rs.getLong(5);
            return "In use: " + total + " of max_connections " + rs.getInt(2) + ": " + pools
                    + " by TemporaryDatabase pools on " + rs.getLong(4) + " database(s), " + own
                    + " by pgfixture itself, " + (total - pools - own) + " by other clients (connections "
                    + "opened outside pgfixture, other JVMs, psql).";
        }
    }

    /** The data directory and, where it is on this machine, its file system's free space. */
    private static String disk(Connection c, Server server) throws SQLException {
        String directory;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            directory = rs.getString(1);
        }
        Path path = Path.of(directory);
        if (!server.embedded() || !Files.isDirectory(path)) {
            return "The data directory is " + directory + " on the server's machine; its free space cannot be "
                    + "measured from here.";
        }
        try {
            FileStore store = Files.getFileStore(path);
            return "The data directory is " + directory + ", on a file system (" + store.type() + " " + store.name()
                    + ") with " + size(store.getUsableSpace()) + " free of " + size(store.getTotalSpace()) + ".";
        } catch (IOException e) {
            return "The data directory is " + directory + "; its free space could not be read: " + e.getMessage() + ".";
        }
    }

    private static String size(long bytes) {
        return bytes < 10L << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : (bytes >> 20) + " MB";
    }
}
