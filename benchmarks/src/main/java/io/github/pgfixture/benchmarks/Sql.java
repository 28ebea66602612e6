package io.github.pgfixture.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The little SQL the scenarios share. */
final class Sql {

    private Sql() {
    }

    /** A double-quoted identifier. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Runs {@code SELECT 1} and checks the answer, so that a broken connection cannot look fast. */
    static void selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new IllegalStateException("SELECT 1 did not return 1");
            }
        }
    }

    /**
     * Runs {@code countQuery} (parameters already set) until it returns 0; fails after 60 s, naming
     * {@code what} it waited for.
     */
    static void awaitZero(PreparedStatement countQuery, String what) throws SQLException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (ResultSet rs = countQuery.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not happen within 60 s");
            }
        }
    }

    /**
     * Waits until none of {@code names} is in {@code pg_database} any more (pgfixture's background drops),
     * asking over a connection to {@code adminUrl}; fails after 60 s.
     */
    static void awaitDropped(String adminUrl, java.util.Collection<String> names) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(adminUrl);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", names.toArray()));
            awaitZero(ps, "pgfixture's background drops of " + names.size() + " databases");
        }
    }

    /** Runs one statement. */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row of {@code query}, as text. */
    static String scalar(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
