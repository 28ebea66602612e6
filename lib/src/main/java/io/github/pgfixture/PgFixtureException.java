package io.github.pgfixture;

/**
 * The one unchecked exception at the root of every failure pgfixture reports.
 *
 * <p>Its message names the database or template concerned, what PostgreSQL or the operating system
 * said (with the SQLSTATE where there is one), and what to do about it. The original exception, if
 * any, is the {@linkplain #getCause() cause}: for a failing template setup, that is the exception the
 * setup threw.
 *
 * <p>The refusals that mirror PostgreSQL's have subclasses of their own, so that a caller can tell them
 * apart without reading SQLSTATEs out of the cause:
 * <ul>
 *   <li>{@link DatabaseExistsException}: a database of that name exists already (SQLSTATE 42P04);</li>
 *   <li>{@link DatabaseNotFoundException}: the database does not exist (3D000);</li>
 *   <li>{@link TemplateNotFoundException}: a clone's template does not exist (3D000);</li>
 *   <li>{@link DatabaseInUseException}: a drop met other sessions on the database (55006);</li>
 *   <li>{@link TemplateInUseException}: a clone met sessions on its template (55006).</li>
 * </ul>
 * Everything else (a bad name or argument, a closed session, a server that is gone or full, a failing
 * template setup) is a plain {@code PgFixtureException}.
 */
public class PgFixtureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names what failed, the cause and the remedy
     */
    public PgFixtureException(String message) {
        super(message);
    }

    /**
     * @param message names what failed, the cause and the remedy
     * @param cause   the original failure (PostgreSQL's {@link java.sql.SQLException}, a setup's exception), or null
     */
    public PgFixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
