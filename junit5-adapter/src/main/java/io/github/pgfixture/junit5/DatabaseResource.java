package io.github.pgfixture.junit5;

import io.github.pgfixture.TemporaryDatabase;
import io.github.pgfixture.support.DatabaseViews;
import io.github.pgfixture.support.KeptDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final DatabaseViews views;

    DatabaseResource(ExtensionContext owner, TemporaryDatabase database, boolean keepOnFailure) {
        this.owner = owner;
        this.database = database;
        this.keepOnFailure = keepOnFailure;
        this.views = new DatabaseViews(database);
    }

    /** The view of the database for a field or parameter of {@code type}: see {@link DatabaseViews}. */
    Object value(Class<?> type) {
        return views.valueFor(type);
    }

    /** Never throws: a failure here would be reported against the test. */
    @Override
    public void close() {
        views.closeConnections();
        if (keepOnFailure && FailureTracking.failed(owner)) {
            keep();
        } else {
            database.close();
        }
    }

    private void keep() {
        String url;
        try {
            url = database.keep();
        } catch (RuntimeException e) { // the test dropped it itself
            database.close();
            return;
        }
        KeptDatabase notice = KeptDatabase.notice(database.name(), describe(owner), url);
        LOG.warn(notice.getMessage());
        try {
            owner.publishReportEntry(Map.of(REPORT_KEY, url));
        } catch (RuntimeException e) {
            LOG.debug("Could not publish a report entry for {}: {}", database.name(), e.toString());
        }
        owner.getExecutionException().ifPresent(failure -> failure.addSuppressed(notice));
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
