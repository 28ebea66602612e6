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
        String state = String.valueOf(e.getSQLState());
        if (state.equals(SqlFailures.TOO_MANY_CONNECTIONS)) {
            return connections(pool);
        }
        if (state.equals(SqlFailures.DISK_FULL)) {
            return disk(pool, server);
        }
        return null;
    }

    /** "In use: 10 of max_connections 10: 2 by TemporaryDatabase pools on 2 databases, ..." */
    static String connections(HikariDataSource pool) {
        if (!idle(pool)) {
            return "The counts could not be read: pgfixture's admin connections were all busy.";
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
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
        } catch (SQLException | RuntimeException e) {
            return "The counts could not be read: " + e.getMessage() + ".";
        }
    }

    /** The data directory and, where it is on this machine, its file system's free space. */
    static String disk(HikariDataSource pool, Server server) {
        String directory = null;
        if (idle(pool)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
                rs.next();
                directory = rs.getString(1);
            } catch (SQLException | RuntimeException e) {
                directory = null; // not a superuser on an external server, say: leave it unnamed
            }
        }
        if (directory == null) {
            return "The data directory could not be looked up (see " + server.describe() + ").";
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

    private static boolean idle(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return bean != null && bean.getIdleConnections() > 0;
    }

    private static String size(long bytes) {
        return bytes < 10L << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : (bytes >> 20) + " MB";
    }
}
