package io.github.pgfixture;

/**
 * The database a call named does not exist (PostgreSQL's {@code invalid_catalog_name}): it was never
 * created on this server, or it was dropped already, perhaps by another thread or behind a
 * {@link TemporaryDatabase}'s back.
 *
 * <p>The message names the database, quotes PostgreSQL (SQLSTATE 3D000) and says what to do; the
 * {@link java.sql.SQLException} PostgreSQL raised is the {@linkplain #getCause() cause}.
 */
public final class DatabaseNotFoundException extends PgFixtureException {

    private static final long serialVersionUID = 1L;

    private final String database;

    /**
     * @param message  names the database, what PostgreSQL said and the remedy
     * @param database the database concerned, as it was passed in
     * @param cause    PostgreSQL's error, or null
     */
    public DatabaseNotFoundException(String message, String database, Throwable cause) {
        super(message, cause);
        this.database = database;
    }

    /**
     * The database PostgreSQL refused to work on.
     *
     * @return the name as the caller passed it
     */
    public String database() {
        return database;
    }
}
