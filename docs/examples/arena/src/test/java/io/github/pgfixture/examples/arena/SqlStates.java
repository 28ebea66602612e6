package io.github.pgfixture.examples.arena;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLSTATEs the schema raises, and an assertion on them. */
final class SqlStates {

    static final String INTEGRITY = "23000";       // the prompt triggers
    static final String NOT_NULL = "23502";
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
}
