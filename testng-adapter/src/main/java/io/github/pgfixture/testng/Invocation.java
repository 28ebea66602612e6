package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testng.ITestContext;
import org.testng.ITestResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One test method invocation's database and the views of it handed out: the database, its data
 * source, one connection (opened on first request, closed before the drop) and its URL.
 *
 * <p>It lives on the test's {@link ITestResult} (attribute {@link #ATTRIBUTE}). Before that result
 * exists, while {@code @BeforeMethod} runs or the data provider makes the test's arguments, it waits
 * in the {@code <test>}'s {@link ITestContext} under the thread that runs the invocation: TestNG runs a
 * test method's data provider, its {@code @BeforeMethod}s and the method itself on one thread, and one
 * invocation at a time per thread.
 */
final class Invocation {

    private static final Logger LOG = LoggerFactory.getLogger(PgFixtureListener.class);

    /** The test result's attribute that holds its invocation until the test method ends. */
    static final String ATTRIBUTE = "io.github.pgfixture.testng.invocation";
    private static final String PENDING = "io.github.pgfixture.testng.pending";

    private final TemporaryDatabase database;
    private final Template template;
    private final Object instance;
    private Connection connection; // guarded by this

    private Invocation(TemporaryDatabase database, Template template, Object instance) {
        this.database = database;
        this.template = template;
        this.instance = instance;
    }

    /** Clones {@code template} for a test method of {@code instance}. */
    static Invocation open(Template template, Object instance) {
        return new Invocation(SharedCluster.get().temporaryDatabase(template), template, instance);
    }

    Template template() {
        return template;
    }

    TemporaryDatabase database() {
        return database;
    }

    /** The view of the database a field or parameter of {@code type} gets; one of {@link TestClassPlan#TYPES}. */
    synchronized Object valueFor(Class<?> type) {
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
            if (connection == null) {
                try {
                    connection = database.dataSource().getConnection();
                } catch (SQLException e) {
                    throw new PgFixtureException("Cannot open a connection to database \"" + database.name() + "\" for the "
                            + "test: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
                }
            }
            return connection;
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    /**
     * Closes the connection handed out, then drops the database, or keeps it when {@code keep}.
     * Never throws.
     *
     * @return the kept database's URL (credentials included), or null when dropped
     */
    synchronized String end(boolean keep) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Closing the connection to {} failed: {}", database.name(), e.getMessage());
            }
            connection = null;
        }
        if (keep) {
            try {
                return database.keep();
            } catch (RuntimeException e) {
                LOG.warn("Could not keep database {}; dropping it: {}", database.name(), e.getMessage());
            }
        }
        database.close();
        return null;
    }

    /** Parks {@code invocation} for the test method this thread runs next; ends one left parked before. */
    static void park(ITestContext context, Invocation invocation) {
        Invocation stale = pending(context).put(Thread.currentThread(), invocation);
        if (stale != null && stale != invocation) {
            LOG.warn("Database {} was prepared for a test method that never started; dropping it", stale.database.name());
            stale.end(false);
        }
    }

    /** The invocation parked by this thread for a test method of {@code instance}, still parked. */
    static Invocation parked(ITestContext context, Object instance) {
        Invocation parked = pending(context).get(Thread.currentThread());
        if (parked != null && parked.instance != instance) {
            pending(context).remove(Thread.currentThread(), parked);
            LOG.warn("Database {} was prepared for a test method that never started; dropping it", parked.database.name());
            parked.end(false);
            return null;
        }
        return parked;
    }

    /**
     * The invocation of {@code result}: the one already on it, else the one this thread parked for its
     * instance, which is then moved onto it. Null when the test method has none.
     */
    static Invocation adopt(ITestResult result) {
        Invocation invocation = (Invocation) result.getAttribute(ATTRIBUTE);
        if (invocation == null) {
            invocation = parked(result.getTestContext(), result.getInstance());
            if (invocation != null) {
                pending(result.getTestContext()).remove(Thread.currentThread(), invocation);
                result.setAttribute(ATTRIBUTE, invocation);
            }
        }
        return invocation;
    }

    /** Ends every invocation still parked in {@code context}: prepared for tests that never started. */
    static void endParked(ITestContext context) {
        for (Invocation stale : pending(context).values()) {
            LOG.warn("Database {} was prepared for a test method that never started; dropping it", stale.database.name());
            stale.end(false);
        }
        pending(context).clear();
    }

    private static Map<Thread, Invocation> pending(ITestContext context) {
        Object pending = context.getAttribute(PENDING);
        if (pending == null) {
            synchronized (context) {
                pending = context.getAttribute(PENDING);
                if (pending == null) {
                    pending = new ConcurrentHashMap<Thread, Invocation>();
                    context.setAttribute(PENDING, pending);
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<Thread, Invocation> map = (Map<Thread, Invocation>) pending;
        return map;
    }
}
