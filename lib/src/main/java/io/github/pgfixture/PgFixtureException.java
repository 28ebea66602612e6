package io.github.pgfixture;

/**
 * The one unchecked exception at the root of every failure pgfixture reports.
 *
 * <p>Its message names the database or template concerned, what PostgreSQL or the operating system
 * said (with the SQLSTATE where there is one), and what to do about it. The original exception, if
 * any, is the {@linkplain #getCause() cause}: for a failing template setup, that is the exception the
 * setup threw.
 */
public class PgFixtureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PgFixtureException(String message) {
        super(message);
    }

    public PgFixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
