package io.github.pgfixture.examples.arena;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repositories' few JDBC moves: a statement with positional parameters, each on a connection of
 * its own from the pool (autocommit), and every {@link SQLException} turned into a
 * {@link DataAccessException} that keeps the SQLSTATE. JSON travels as text and is cast in SQL
 * ({@code CAST(? AS jsonb)}).
 */
final class Jdbc {

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, parameters);
             ResultSet rs = ps.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            return result;
        } catch (SQLException e) {
            throw new DataAccessException(describe(sql), e);
        }
    }

    /** The first row, if any. */
    <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(sql, row, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** @return the number of rows changed */
    int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, parameters)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(describe(sql), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static String describe(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return "Statement '" + (oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine) + "' failed";
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
