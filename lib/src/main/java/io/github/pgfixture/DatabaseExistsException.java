package io.github.pgfixture;

/**
 * A database could not be created because a database of that name exists already (PostgreSQL's
 * {@code duplicate_database}). Nothing was created and the existing database is untouched.
 *
 * <p>The message names the database, quotes PostgreSQL (SQLSTATE 42P04) and says what to do; the
 * {@link java.sql.SQLException} PostgreSQL raised is the {@linkplain #getCause() cause}.
 */
public final class DatabaseExistsException extends PgFixtureException {

    private static final long serialVersionUID = 1L;

    private final String database;

    /**
     * @param message  names the database, what PostgreSQL said and the remedy
     * @param database the database concerned, as it was passed in
     * @param cause    PostgreSQL's error, or null
     */
    public DatabaseExistsException(String message, String database, Throwable cause) {
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
