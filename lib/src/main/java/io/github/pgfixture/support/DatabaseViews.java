package io.github.pgfixture.support;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.TemporaryDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The views of one test's database that an adapter injects into a field or parameter: the
 * {@link TemporaryDatabase} itself, its {@link DataSource}, a {@link Connection} and its JDBC URL
 * ({@link String}). The connections it hands out are closed by {@link #closeConnections()}, which the
 * adapter calls before it drops or keeps the database. Thread-safe.
 */
public final class DatabaseViews {

    /** The types a field or parameter may have, in the order messages name them. */
    public static final List<Class<?>> TYPES =
            List.of(TemporaryDatabase.class, DataSource.class, Connection.class, String.class);

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseViews.class);

    private final TemporaryDatabase database;
    private final List<Connection> connections = new ArrayList<>(); // guarded by this

    /**
     * Views of {@code database}.
     *
     * @param database the test's database
     */
    public DatabaseViews(TemporaryDatabase database) {
        this.database = database;
    }

    /**
     * Whether a field or parameter of {@code type} can be given a view.
     *
     * @param type the declared type
     * @return true for one of {@link #TYPES}
     */
    public static boolean supports(Class<?> type) {
        return TYPES.contains(type);
    }

    /**
     * The view for a field or parameter of {@code type}. A {@link Connection} is the one handed out
     * before, unless the test closed it: then a new one.
     *
     * @param type one of {@link #TYPES}
     * @return the view
     * @throws PgFixtureException naming the database and the SQLSTATE, when a connection cannot be opened
     * @throws IllegalArgumentException for a type not in {@link #TYPES}
     */
    public synchronized Object valueFor(Class<?> type) {
        if (type == TemporaryDatabase.class) {
            return database;
        }
        if (type == DataSource.class) {
            return database.dataSource();
        }
        if (type == String.class) {
            return database.url();
        }
        if (type == Connection.class) {
            return connection();
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    private Connection connection() {
        try {
            Connection last = connections.isEmpty() ? null : connections.get(connections.size() - 1);
            if (last != null && !last.isClosed()) {
                return last;
            }
            Connection connection = database.dataSource().getConnection();
            connections.add(connection);
            return connection;
        } catch (SQLException e) {
            throw new PgFixtureException("Cannot open a connection to database \"" + database.name() + "\" for the "
                    + "test: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** Closes every connection handed out. Never throws. */
    public synchronized void closeConnections() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Closing a connection to {} failed: {}", database.name(), e.toString());
            }
        }
        connections.clear();
    }
}
