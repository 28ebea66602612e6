package io.github.pgfixture.examples.arena;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLSTATEs the schema raises, and an assertion on them. */
final class SqlStates {

    static final String INTEGRITY = "23000";       // the prompt triggers
    static final String NOT_NULL = "23502";
    static final String RESTRICT = "23001";        // ON DELETE RESTRICT (NO ACTION would say 23503)
    static final String FOREIGN_KEY = "23503";
    static final String UNIQUE = "23505";
    static final String CHECK = "23514";
    static final String INVALID_TEXT = "22P02";    // text that is no JSON

    private SqlStates() {
    }

    /** {@code call} fails with a {@link DataAccessException} whose SQLSTATE is {@code sqlState}. */
    static void assertSqlState(String sqlState, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DataAccessException.class,
                e -> assertThat(e.sqlState()).as(e.getMessage()).isEqualTo(sqlState));
    }

    /** Runs {@code sql}, which must fail, and returns its SQLSTATE. */
    static String sqlStateOf(DataSource database, String sql) {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            try {
                s.execute(sql);
            } catch (SQLException e) {
                return e.getSQLState();
            }
        } catch (SQLException e) {
            throw new AssertionError("Cannot connect to run " + sql, e);
        }
        throw new AssertionError("Expected to fail, but succeeded: " + sql);
    }
}
