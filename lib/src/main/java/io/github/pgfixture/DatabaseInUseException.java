package io.github.pgfixture;

/**
 * A database could not be dropped because other sessions are connected to it (PostgreSQL's
 * {@code object_in_use}). The database is kept, whole. Close those sessions first, or force the drop
 * ({@link SharedCluster#forceDropDatabase}, {@link TemporaryDatabase#forceDrop()}), which terminates them.
 *
 * <p>The message names the database, quotes PostgreSQL (SQLSTATE 55006) and says what to do; the
 * {@link java.sql.SQLException} PostgreSQL raised is the {@linkplain #getCause() cause}.
 */
public final class DatabaseInUseException extends PgFixtureException {

    private static final long serialVersionUID = 1L;

    private final String database;

    /**
     * @param message  names the database, what PostgreSQL said and the remedy
     * @param database the database concerned, as it was passed in
     * @param cause    PostgreSQL's error, or null
     */
    public DatabaseInUseException(String message, String database, Throwable cause) {
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
