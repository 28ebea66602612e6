package io.github.pgfixture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/** Small JDBC helpers for tests that look at the shared cluster from outside the library. */
final class Sql {

    private Sql() {
    }

    /** The first column of the first row of {@code sql}, run on {@code database} of {@code cluster}. */
    static String queryOne(SharedCluster cluster, String database, String sql) {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(database));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + database + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} on {@code database} of {@code cluster}. */
    static void execute(SharedCluster cluster, String database, String sql) {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(database));
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + database + ": " + e.getMessage(), e);
        }
    }

    /** Every database name on the cluster, once the library's background work (clone pools, drops) is done. */
    static Set<String> databases(SharedCluster cluster) {
        cluster.awaitBackgroundWork();
        Set<String> names = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** A plain JDBC session on {@code database}, outside any pool of the library. */
    static Connection connect(SharedCluster cluster, String database, String applicationName) throws SQLException {
        Connection c = DriverManager.getConnection(cluster.jdbcUrl(database) + "&ApplicationName=" + applicationName);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        return c;
    }
}
