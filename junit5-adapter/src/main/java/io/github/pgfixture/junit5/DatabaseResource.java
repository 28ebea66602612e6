package io.github.pgfixture.junit5;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One test's (or one class's) database in the extension context's store. JUnit closes it when that
 * context ends: the connections it handed out are closed, then the database is dropped, or kept
 * when keep-on-failure is on and the context failed. Stored with {@link ClosedByJUnit}, so that
 * every supported Jupiter closes it.
 */
final class DatabaseResource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TempDatabase.class);

    /** Key of the report entry that carries a kept database's URL. */
    static final String REPORT_KEY = "pgfixture.kept-database";

    private final ExtensionContext owner;
    private final TemporaryDatabase database;
    private final boolean keepOnFailure;
    private final List<Connection> connections = new ArrayList<>(); // guarded by this

    DatabaseResource(ExtensionContext owner, TemporaryDatabase database, boolean keepOnFailure) {
        this.owner = owner;
        this.database = database;
        this.keepOnFailure = keepOnFailure;
    }

    Object value(Kind kind) {
        switch (kind) {
            case TEMPORARY_DATABASE:
                return database;
            case DATA_SOURCE:
                return database.dataSource();
            case CONNECTION:
                return connection();
            case URL:
                return database.url();
            default:
                throw new AssertionError(kind);
        }
    }

    /** The connection handed out before, unless the test closed it: then a new one. */
    private synchronized Connection connection() {
        try {
            Connection last = connections.isEmpty() ? null : connections.get(connections.size() - 1);
            if (last != null && !last.isClosed()) {
                return last;
            }
            Connection connection = database.dataSource().getConnection();
            connections.add(connection);
            return connection;
        } catch (SQLException e) {
            throw new PgFixtureException("Cannot open a connection to database \"" + database.name() + "\": "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** Never throws: a failure here would be reported against the test. */
    @Override
    public void close() {
        closeConnections();
        if (keepOnFailure && FailureTracking.failed(owner)) {
            keep();
        } else {
            database.close();
        }
    }

    private synchronized void closeConnections() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Closing a connection to {} failed: {}", database.name(), e.toString());
            }
        }
        connections.clear();
    }

    private void keep() {
        String url;
        try {
            url = database.keep();
        } catch (RuntimeException e) { // the test dropped it itself
            database.close();
            return;
        }
        String message = "Kept database \"" + database.name() + "\" of " + describe(owner) + " for inspection ("
                + TempDatabase.KEEP_ON_FAILURE + " = true); drop it when done, or the next pgfixture run removes it: "
                + url;
        LOG.warn(message);
        try {
            owner.publishReportEntry(Map.of(REPORT_KEY, url));
        } catch (RuntimeException e) {
            LOG.debug("Could not publish a report entry for {}: {}", database.name(), e.toString());
        }
        owner.getExecutionException().ifPresent(failure -> failure.addSuppressed(new KeptDatabase(message)));
    }

    private static String describe(ExtensionContext context) {
        String type = context.getTestClass().map(Class::getName).orElse(context.getUniqueId());
        if (context.getTestMethod().isPresent()) {
            return "failed test " + type + "." + context.getTestMethod().get().getName() + " [" + context.getDisplayName() + "]";
        }
        return context.getExecutionException().isPresent() ? "failed class " + type : "class " + type + ", where a test failed,";
    }

    @Override
    public String toString() {
        return "DatabaseResource[" + database + "]";
    }
}
