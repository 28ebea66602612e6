package io.github.pgfixture.spring;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;
import io.github.pgfixture.support.AdapterSettings;
import io.github.pgfixture.support.KeptDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;

/**
 * The context's DataSource: hands out connections to the clone of the test that runs. A stack of
 * clones: a test class's on the bottom, a test method's (under {@code Isolation.METHOD}) on top, and a
 * {@code @Nested} class's between. All state of a context lives here, in its bean, and dies with it.
 *
 * <p>Before the first test of the context, the first connection makes a start-up clone, for what the
 * context does while it starts (Hibernate reading metadata, {@code spring.sql.init}, runners); the
 * first test drops it. Between test classes the stack is empty and a connection fails, saying so.
 *
 * <p>Test classes that share the context take turns: one owner (the outermost class of a test class,
 * so that its {@code @Nested} classes enter freely) holds the context until its last class ends.
 * Waiting is a {@link ForkJoinPool#managedBlock} so that JUnit's fork-join pool adds a thread for
 * the owner's own tests rather than deadlock with every worker waiting.
 */
final class CloneDataSource implements DataSource {

    /** The bean's name. */
    static final String NAME = "pgfixtureDataSource";

    private static final Logger LOG = LoggerFactory.getLogger(CloneDataSource.class);

    private final Template template;
    private final AdapterSettings settings;
    private final Object monitor = new Object();
    // guarded by monitor:
    private final Deque<TemporaryDatabase> clones = new ArrayDeque<>();
    private TemporaryDatabase startup;
    private boolean testsBegan;
    private boolean closed;
    private Class<?> owner;
    private int depth;
    private boolean classFailed;
    private boolean methodBusy;

    CloneDataSource(Template template, AdapterSettings settings) {
        this.template = template;
        this.settings = settings;
    }

    Template template() {
        return template;
    }

    /** The clone connections go to now, or null between test classes. */
    TemporaryDatabase current() {
        synchronized (monitor) {
            return clones.peek();
        }
    }

    /** Waits for the context, then moves it to a fresh clone for {@code testClass}. */
    void beginClass(Class<?> testClass) {
        Class<?> top = outermost(testClass);
        awaitAndTake(() -> owner == null || owner == top, () -> {
            owner = top;
            depth++;
        }, testClass.getName() + " waits: another test class uses the same Spring context");
        try {
            push(testClass.getName());
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    /**
     * Drops (or keeps) {@code testClass}'s clone and lets the next class have the context. Does nothing
     * when {@code testClass} does not hold the context (its {@link #beginClass} failed: JUnit and TestNG
     * still run the after-class callbacks), so that it never takes another class's clone or turn.
     */
    void endClass(Class<?> testClass) {
        boolean failed;
        synchronized (monitor) {
            if (owner != outermost(testClass) || depth == 0) {
                return;
            }
            failed = classFailed;
            if (depth == 1) {
                classFailed = false;
            }
        }
        try {
            pop("test class " + testClass.getName() + (failed ? " (a test failed)" : ""), failed);
        } finally {
            release();
        }
    }

    /** Waits while another method of the class uses the context, then moves it to a fresh clone. */
    void beginMethod(String test) {
        awaitAndTake(() -> !methodBusy, () -> methodBusy = true, test + " waits for another test method of its class");
        try {
            push(test);
        } catch (RuntimeException | Error e) {
            synchronized (monitor) {
                methodBusy = false;
                monitor.notifyAll();
            }
            throw e;
        }
    }

    /**
     * Drops (or keeps) the method's clone; the class's clone is current again.
     *
     * @return the notice for a kept clone, or null
     */
    KeptDatabase endMethod(String test, boolean failed) {
        synchronized (monitor) {
            if (!methodBusy) { // its beginMethod failed: the clone on top is the class's
                return null;
            }
        }
        try {
            return pop("failed test " + test, failed);
        } finally {
            synchronized (monitor) {
                methodBusy = false;
                monitor.notifyAll();
            }
        }
    }

    /** A test of the current class failed: its clone is kept at the end when keep-on-failure is on. */
    void testFailed() {
        synchronized (monitor) {
            classFailed = true;
        }
    }

    /** When the context closes: drops every clone left and lets waiting classes go. */
    void close() {
        synchronized (monitor) {
            closed = true;
            while (!clones.isEmpty()) {
                clones.pop().close();
            }
            if (startup != null) {
                startup.close();
                startup = null;
            }
            owner = null;
            depth = 0;
            methodBusy = false;
            monitor.notifyAll();
        }
    }

    private void push(String forWhat) {
        TemporaryDatabase previousStartup;
        synchronized (monitor) {
            previousStartup = testsBegan ? null : startup;
            startup = null;
            testsBegan = true;
        }
        if (previousStartup != null) {
            previousStartup.close();
        }
        TemporaryDatabase clone = SharedCluster.get().temporaryClone(template);
        synchronized (monitor) {
            if (closed) {
                clone.close();
                throw new PgFixtureException("The Spring context of " + forWhat + " was closed while it waited for it.");
            }
            clones.push(clone);
        }
        LOG.debug("pgfixture: {} uses clone {} of {}", forWhat, clone.name(), template.name());
    }

    private KeptDatabase pop(String ofWhat, boolean failed) {
        TemporaryDatabase clone;
        synchronized (monitor) {
            clone = clones.poll();
        }
        if (clone == null) {
            return null;
        }
        if (failed && settings.keepOnFailure()) {
            KeptDatabase notice = KeptDatabase.notice(clone.name(), ofWhat, clone.keep());
            LOG.warn(notice.getMessage());
            return notice;
        }
        clone.close();
        return null;
    }

    private void release() {
        synchronized (monitor) {
            if (depth > 0 && --depth == 0) {
                owner = null;
            }
            monitor.notifyAll();
        }
    }

    private void awaitAndTake(BooleanSupplier free, Runnable take, String waitMessage) {
        boolean logged = false;
        while (true) {
            synchronized (monitor) {
                if (free.getAsBoolean()) {
                    take.run();
                    return;
                }
                if (!logged) {
                    LOG.info("pgfixture: {}", waitMessage);
                    logged = true;
                }
            }
            try {
                ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                    @Override
                    public boolean block() throws InterruptedException {
                        synchronized (monitor) {
                            while (!free.getAsBoolean()) {
                                monitor.wait();
                            }
                        }
                        return true;
                    }

                    @Override
                    public boolean isReleasable() {
                        synchronized (monitor) {
                            return free.getAsBoolean();
                        }
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PgFixtureException("Interrupted while waiting for the Spring context: " + waitMessage, e);
            }
        }
    }

    private static Class<?> outermost(Class<?> testClass) {
        Class<?> top = testClass;
        while (top.getEnclosingClass() != null && !java.lang.reflect.Modifier.isStatic(top.getModifiers())) {
            top = top.getEnclosingClass();
        }
        return top;
    }

    private DataSource target() {
        TemporaryDatabase clone;
        synchronized (monitor) {
            clone = clones.peek();
            if (clone == null) {
                if (testsBegan || closed) {
                    throw new PgFixtureException("No test runs on this Spring context now, so its DataSource (pgfixture, "
                            + "clones of " + template.name() + ") has no database: it moves to a fresh clone when a "
                            + "test class starts and drops it when the class ends. Use the database from within tests "
                            + "and their @BeforeAll/@AfterAll, @BeforeEach/@AfterEach methods.");
                }
                if (startup == null) {
                    startup = SharedCluster.get().temporaryClone(template);
                    LOG.debug("pgfixture: the Spring context starts on clone {} of {}", startup.name(), template.name());
                }
                clone = startup;
            }
        }
        return clone.dataSource();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // connections come from each clone's own pool
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // connections come from each clone's own pool
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("pgfixture's DataSource is not a " + iface.getName()
                + ": it switches between clones, each with a pool of its own.");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        TemporaryDatabase clone = current();
        return "pgfixture DataSource[" + template.name() + (clone != null ? ", now " + clone.name() : "") + "]";
    }
}
