package io.github.pgfixture;

/**
 * A clone could not be made because sessions are connected to its template (PostgreSQL's
 * {@code object_in_use} for the template): PostgreSQL copies a database only while nobody is connected
 * to it. Nothing was created. Close every connection to the template, or build it with
 * {@link SharedCluster#ensureTemplateExists}, which closes its setup's connections and then refuses new ones.
 *
 * <p>The message names the template, quotes PostgreSQL (SQLSTATE 55006) and says what to do; the
 * {@link java.sql.SQLException} PostgreSQL raised is the {@linkplain #getCause() cause}.
 */
public final class TemplateInUseException extends PgFixtureException {

    private static final long serialVersionUID = 1L;

    private final String template;

    /**
     * @param message  names the template, what PostgreSQL said and the remedy
     * @param template the template concerned, as it was passed in
     * @param cause    PostgreSQL's error, or null
     */
    public TemplateInUseException(String message, String template, Throwable cause) {
        super(message, cause);
        this.template = template;
    }

    /**
     * The template PostgreSQL refused to work on.
     *
     * @return the name as the caller passed it
     */
    public String template() {
        return template;
    }
}
