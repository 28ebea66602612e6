package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;
import io.github.pgfixture.support.AdapterSettings;
import io.github.pgfixture.support.DatabaseViews;
import io.github.pgfixture.support.KeptDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testng.ITestContext;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.testng.SkipException;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One test method invocation's database and the views of it handed out: the database, its data
 * source, one connection (opened on first request, closed before the drop) and its URL.
 *
 * <p>It lives on the test's {@link ITestResult} (attribute {@link #ATTRIBUTE}). Before that result
 * exists, while {@code @BeforeMethod} runs or the data provider makes the test's arguments, it waits
 * in the {@code <test>}'s {@link ITestContext} under the thread that runs the invocation: TestNG runs a
 * test method's data provider, its {@code @BeforeMethod}s and the method itself on one thread, and one
 * invocation at a time per thread. (The result object TestNG already holds then is out of a listener's
 * reach: {@code beforeInvocation} of a configuration method is handed the configuration's own result.)
 *
 * <p>While its database is in an instance's fields, the context also maps that instance to it, so that
 * a second method of the instance running at the same time is refused rather than handed the first
 * one's database.
 */
final class Invocation {

    private static final Logger LOG = LoggerFactory.getLogger(PgFixtureListener.class);

    /** The test result's attribute that holds its invocation until the test method ends. */
    static final String ATTRIBUTE = "io.github.pgfixture.testng.invocation";
    private static final String PENDING = "io.github.pgfixture.testng.pending";
    private static final String FIELD_HOLDERS = "io.github.pgfixture.testng.field-holders";

    private final TemporaryDatabase database;
    private final Template template;
    private final Object instance;
    private final boolean keepOnFailure;
    private final SkipException unavailable; // instead of a database, when PostgreSQL is unavailable
    private final DatabaseViews views; // null without a database
    private Map<Object, Invocation> fieldHolders; // guarded by this; set once this invocation's database is in the fields

    private Invocation(TemporaryDatabase database, Template template, Object instance, boolean keepOnFailure,
                       SkipException unavailable) {
        this.database = database;
        this.template = template;
        this.instance = instance;
        this.keepOnFailure = keepOnFailure;
        this.unavailable = unavailable;
        this.views = database == null ? null : new DatabaseViews(database);
    }

    /**
     * An invocation without a database, whose test method skips itself with {@code unavailable}: for the
     * data provider, since TestNG reports an exception thrown there as a failure, not as a skip.
     */
    static Invocation skipping(Template template, Object instance, SkipException unavailable) {
        return new Invocation(null, template, instance, false, unavailable);
    }

    /** Throws the skip of an invocation made by {@link #skipping}; nothing otherwise. */
    void skipIfUnavailable() {
        if (unavailable != null) {
            throw unavailable;
        }
    }

    /**
     * Clones {@code template} for a test method of {@code instance}.
     *
     * @throws SkipException when PostgreSQL is unavailable and {@link PgFixtureListener#ABORT_IF_UNAVAILABLE} is on
     */
    static Invocation open(Template template, Object instance, AdapterSettings settings) {
        SharedCluster cluster = settings.clusterOrSkip("skipped", (message, cause) -> {
            SkipException skip = new SkipException(message);
            skip.initCause(cause);
            return skip;
        });
        return new Invocation(cluster.temporaryClone(template), template, instance, settings.keepOnFailure(), null);
    }

    /** The database's name, for messages. */
    String name() {
        return database == null ? "(none: PostgreSQL was unavailable)" : database.name();
    }

    Template template() {
        return template;
    }

    TemporaryDatabase database() {
        return database;
    }

    /** The view of the database a field or parameter of {@code type} gets; one of {@link DatabaseViews#TYPES}. */
    Object valueFor(Class<?> type) {
        return views.valueFor(type);
    }

    /**
     * Closes the connection handed out, then drops the database, or keeps it when {@code keep}.
     * Never throws.
     *
     * @return the kept database's URL (credentials included), or null when dropped
     */
    synchronized String end(boolean keep) {
        if (database == null) {
            return null;
        }
        views.closeConnections();
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

    /**
     * Records that {@code instance}'s fields now hold this invocation's database. Refuses when they hold
     * another invocation's, still running: two test methods of one instance at once, which the checks of
     * {@link TestClassPlan#checkFieldsNotShared} did not foresee (for example {@code dependsOnMethods}
     * under {@code parallel="classes"}).
     */
    synchronized void claimFields(ITestContext context, String testClass) {
        if (fieldHolders != null) {
            return;
        }
        Map<Object, Invocation> holders = fieldHolders(context);
        Invocation holder = holders.putIfAbsent(instance, this);
        if (holder != null && holder != this) {
            throw new PgFixtureException("The @TempDatabase fields of this " + testClass + " instance still hold database "
                    + holder.database.name() + " of another test method that is running at the same time, so they "
                    + "cannot also hold this test's database " + database.name() + ". Take the database as a test "
                    + "method parameter instead: @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = "
                    + "PgFixtureListener.class), or keep TestNG from running two methods of one instance at once.");
        }
        fieldHolders = holders;
    }

    /** Ends the invocation on {@code result}, if any: see {@link #finish(ITestResult, Invocation)}. */
    static void finish(ITestResult result) {
        Invocation invocation = adopt(result);
        if (invocation != null) {
            result.removeAttribute(ATTRIBUTE);
            finish(result, invocation);
        }
    }

    /**
     * Drops the database, or keeps it if the test failed and keep-on-failure is on (reporting its URL), and
     * clears the instance's fields if they hold it.
     */
    private static void finish(ITestResult result, Invocation invocation) {
        boolean keep = invocation.keepOnFailure && result.getStatus() == ITestResult.FAILURE;
        String url = invocation.end(keep);
        if (url != null) {
            KeptDatabase notice = KeptDatabase.notice(invocation.database.name(),
                    "failed test " + result.getMethod().getQualifiedName(), url);
            LOG.warn(notice.getMessage());
            Reporter.log(notice.getMessage());
            result.setAttribute(PgFixtureListener.KEPT_URL, url);
            if (result.getThrowable() != null) {
                result.getThrowable().addSuppressed(notice);
            }
        }
        if (invocation.releaseFields()) {
            try {
                TestClassPlan.of(invocation.instance.getClass()).clear(invocation.instance);
            } catch (RuntimeException misconfigured) {
                // reported when the fields were set
            }
        }
    }

    /** True when the fields held this invocation's database, which they no longer do. */
    private synchronized boolean releaseFields() {
        if (fieldHolders == null) {
            return false;
        }
        fieldHolders.remove(instance, this);
        fieldHolders = null;
        return true;
    }

    /** Parks {@code invocation} for the test method this thread runs next; ends one left parked before. */
    static void park(ITestContext context, Invocation invocation) {
        Invocation stale = pending(context).put(Thread.currentThread(), invocation);
        if (stale != null && stale != invocation) {
            LOG.warn("Database {} was prepared for a test method that never started; dropping it", stale.name());
            stale.end(false);
        }
    }

    /** The invocation parked by this thread for a test method of {@code instance}, still parked. */
    static Invocation parked(ITestContext context, Object instance) {
        Invocation parked = pending(context).get(Thread.currentThread());
        if (parked != null && parked.instance != instance) {
            pending(context).remove(Thread.currentThread(), parked);
            LOG.warn("Database {} was prepared for a test method that never started; dropping it", parked.name());
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
            LOG.warn("Database {} was prepared for a test method that never started; dropping it", stale.name());
            stale.end(false);
        }
        pending(context).clear();
    }

    private static Map<Thread, Invocation> pending(ITestContext context) {
        return contextMap(context, PENDING, ConcurrentHashMap::new);
    }

    /** Which invocation's database each instance's fields hold; by identity, as test classes may define equals. */
    private static Map<Object, Invocation> fieldHolders(ITestContext context) {
        return contextMap(context, FIELD_HOLDERS, () -> Collections.synchronizedMap(new IdentityHashMap<>()));
    }

    private static <K> Map<K, Invocation> contextMap(ITestContext context, String name,
                                                     Supplier<Map<K, Invocation>> create) {
        Object map = context.getAttribute(name);
        if (map == null) {
            synchronized (context) {
                map = context.getAttribute(name);
                if (map == null) {
                    map = create.get();
                    context.setAttribute(name, map);
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<K, Invocation> typed = (Map<K, Invocation>) map;
        return typed;
    }
}
