package io.github.pgfixture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/** Small JDBC helpers for tests that look at a cluster from outside the library. */
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

    /** How many sessions {@code pg_stat_activity} shows on {@code database} of {@code cluster}. */
    static int sessionsOn(SharedCluster cluster, String database) {
        return Integer.parseInt(queryOne(cluster, "postgres",
                "SELECT count(*) FROM pg_stat_activity WHERE datname = " + literal(database)));
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

    // By URL, for clusters other than SharedCluster.get() too; each call on a connection of its own.

    /** The first column of the first row of {@code query}, as text (null for SQL NULL or no row). */
    static String one(String url, String query) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(query + " failed: " + e.getMessage(), e);
        }
    }

    static long count(String url, String query) {
        return Long.parseLong(one(url, query));
    }

    static void execute(String url, String... statements) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements) + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Force-drops those of {@code databases} that exist on the JVM's cluster, after its background
     * work (ready clones, pending drops) is done: what a test built, gone before the next one.
     */
    static void dropAll(Iterable<String> databases) {
        SharedCluster cluster = SharedCluster.get();
        cluster.awaitBackgroundWork();
        for (String database : databases) {
            if (cluster.databaseExists(database)) {
                cluster.forceDropDatabase(database);
            }
        }
    }

    /** {@code name} as a string literal. */
    static String literal(String name) {
        return "'" + name.replace("'", "''") + "'";
    }

    /** 'built', 'half-built' or 'absent', as pg_database tells about {@code database}. */
    static String templateState(SharedCluster cluster, String database) {
        String flags = one(cluster.jdbcUrl("postgres"), "SELECT datistemplate::text || ' ' || datallowconn::text "
                + "FROM pg_database WHERE datname = " + literal(database));
        return flags == null ? "absent" : flags.equals("true false") ? "built" : "half-built";
    }
}
