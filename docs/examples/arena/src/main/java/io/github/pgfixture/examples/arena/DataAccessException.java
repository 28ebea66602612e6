package io.github.pgfixture.examples.arena;

import java.sql.SQLException;

/**
 * A failed database call of the arena repositories. Unchecked, and it keeps PostgreSQL's SQLSTATE, so
 * callers can tell a duplicate ({@code 23505}) from a missing reference ({@code 23503}), a row still in
 * use by others ({@code 23001}, on delete) or a broken
 * rule ({@code 23514}, {@code 23502}, {@code 23000}) without parsing messages.
 */
public final class DataAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    DataAccessException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage() + " (SQLSTATE " + cause.getSQLState() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    /** PostgreSQL's five-character error code, e.g. {@code 23505} for a unique violation. */
    public String sqlState() {
        return sqlState;
    }
}
