package io.github.pgfixture.benchmarks;

import java.sql.Connection;
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

    /** The first column of the first row of {@code query}, as text. */
    static String scalar(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
