package io.github.pgfixture;

/**
 * A clone could not be made because its template does not exist (PostgreSQL's
 * {@code invalid_catalog_name} for the template): it was never built on this server, or it was
 * dropped, e.g. by {@link SharedCluster#dropOutdatedTemplates}. Nothing was created. Build it with
 * {@link SharedCluster#ensureTemplateExists} or use a {@link Template}, which is built when needed.
 *
 * <p>The message names the template, quotes PostgreSQL (SQLSTATE 3D000) and says what to do; the
 * {@link java.sql.SQLException} PostgreSQL raised is the {@linkplain #getCause() cause}.
 */
public final class TemplateNotFoundException extends PgFixtureException {

    private static final long serialVersionUID = 1L;

    private final String template;

    /**
     * @param message  names the template, what PostgreSQL said and the remedy
     * @param template the template concerned, as it was passed in
     * @param cause    PostgreSQL's error, or null
     */
    public TemplateNotFoundException(String message, String template, Throwable cause) {
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
