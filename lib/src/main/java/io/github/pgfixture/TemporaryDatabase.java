package io.github.pgfixture;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgfixture.internal.cluster.Admin;
import io.github.pgfixture.internal.cluster.Sessions;
import io.github.pgfixture.internal.cluster.SqlFailures;
import io.github.pgfixture.internal.cluster.Uninterrupted;
import io.github.pgfixture.internal.server.WatchedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A database that exists until it is closed, for try-with-resources. Made by
 * {@link SharedCluster#temporaryDatabase} or {@link SharedCluster#temporaryDatabaseFromTemplate}.
 *
 * <p>Three ways to end it:
 * <ul>
 *   <li>{@link #drop()} closes this object's own pool and drops the database; while anybody else is
 *       connected it fails, and the database is kept.</li>
 *   <li>{@link #forceDrop()} terminates every other session, then drops.</li>
 *   <li>{@link #close()} drops; if others are still connected it logs a WARN naming each session, then
 *       force-drops. It never throws, and nothing is left behind.</li>
 * </ul>
 * Once dropped, further calls to any of the three do nothing; that holds too once the database was
 * dropped by name through {@link SharedCluster#dropDatabase} or {@link SharedCluster#forceDropDatabase},
 * so a later database of the same name is never touched. {@link #keep()} makes {@code close()}
 * leave the database in place for inspection. All methods are thread-safe.
 */
public final class TemporaryDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TemporaryDatabase.class);
    private static final AtomicLong POOLS = new AtomicLong();

    private final SharedCluster cluster;
    private final String name;
    private final String url;
    private final boolean dropInBackground;
    /** Marks this object's pool connections in pg_stat_activity, to tell them from other sessions. */
    private final String applicationName;
    private final Object lock = new Object();
    private HikariDataSource dataSource; // guarded by lock
    private boolean dropped; // guarded by lock
    private boolean kept; // guarded by lock

    TemporaryDatabase(SharedCluster cluster, String name, String url, boolean dropInBackground) {
        this(cluster, name, url, dropInBackground, null);
    }

    /**
     * @param prepared the pool {@link #dataSource()} returns, started ahead by {@link PreparedPool#start} on
     *                 the cluster's preparing thread (a clone from the pool of ready clones); null: made on
     *                 first use. Owned by this object from now on, closed as a pool made here would be.
     */
    TemporaryDatabase(SharedCluster cluster, String name, String url, boolean dropInBackground, PreparedPool prepared) {
        this.cluster = cluster;
        this.name = name;
        this.url = url;
        this.dropInBackground = dropInBackground;
        this.applicationName = prepared == null ? nextApplicationName() : prepared.applicationName();
        this.dataSource = prepared == null ? null : prepared.dataSource();
    }

    /** A pool started ahead for a ready clone, with the application name its connections carry. */
    record PreparedPool(HikariDataSource dataSource, String applicationName) implements AutoCloseable {

        /** Started: its first connection is open when this returns. */
        static PreparedPool start(String name, String url, int poolSize, Admin admin) {
            String applicationName = nextApplicationName();
            return new PreparedPool(newDataSource(name, url, poolSize, applicationName, admin), applicationName);
        }

        @Override
        public void close() {
            dataSource.close();
        }
    }

    private static String nextApplicationName() {
        return "pgfixture-db-" + POOLS.incrementAndGet();
    }

    public String name() {
        return name;
    }

    /** JDBC URL with credentials: {@code DriverManager.getConnection(url())} opens the database. */
    public String url() {
        return url;
    }

    /**
     * A HikariCP pool on this database with one open connection: made on first call, or, for a clone
     * from the pool of ready clones, made ahead with the clone on the cluster's preparing thread, so
     * that the first {@code getConnection()} only borrows. At most
     * {@code pgfixture.connections-per-database} connections, 5 by default, the others opened on demand;
     * closed by {@code drop}, {@code forceDrop} and {@code close}. Connections still borrowed from it at
     * that point are closed too.
     *
     * @throws PgFixtureException if the database has been dropped
     */
    public DataSource dataSource() {
        synchronized (lock) {
            if (dropped) {
                throw new PgFixtureException("Database \"" + name + "\" has been dropped; its data source is closed. "
                        + "Create a new TemporaryDatabase instead.");
            }
            if (dataSource == null) {
                dataSource = newDataSource(name, url, cluster.poolSize(), applicationName, cluster.admin());
            }
            return dataSource;
        }
    }

    /**
     * The pool {@link #dataSource()} hands out for database {@code name}, started: its first connection
     * is open when this returns.
     */
    private static HikariDataSource newDataSource(String name, String url, int poolSize, String applicationName,
                                                  Admin admin) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("pgfixture-" + name);
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.setMaximumPoolSize(poolSize);
        // One connection opened now, none refilled in the background: measured fastest to open
        // and to close (a lazily started pool takes ~30 ms longer to shut down).
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(1);
        String gone = admin.server().goneNotice();
        if (gone != null) {
            throw new PgFixtureException(gone);
        }
        try {
            return new WatchedDataSource(config, admin.server());
        } catch (RuntimeException e) {
            throw SqlFailures.connectFailure(e, name, SharedCluster.mask(url), poolSize, admin::connectionUse);
        }
    }

    /**
     * Empties the database in place, for a database kept for a whole test class: one
     * {@code TRUNCATE ... RESTART IDENTITY CASCADE} over every table in every user schema, except the
     * migration tools' history tables ({@code flyway_schema_history}, {@code databasechangelog},
     * {@code databasechangeloglock}) and tables that belong to extensions. Sequences owned by those
     * tables restart; reference data loaded by migrations is removed too.
     */
    public void reset() {
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(RESET);
        } catch (SQLException e) {
            throw new PgFixtureException("Cannot reset database \"" + name + "\": " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + "). Check for locks held by other sessions.", e);
        }
    }

    private static final String RESET = "DO $pgfixture$ DECLARE tables text; BEGIN "
            + "SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ') INTO tables "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
            + "AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' "
            + "AND c.relname NOT IN ('flyway_schema_history', 'databasechangelog', 'databasechangeloglock') "
            + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
            + "AND d.objid = c.oid AND d.deptype = 'e'); "
            + "IF tables IS NOT NULL THEN EXECUTE 'TRUNCATE TABLE ' || tables || ' RESTART IDENTITY CASCADE'; END IF; "
            + "END $pgfixture$";

    /**
     * Closes this object's pool, then drops the database.
     *
     * @throws PgFixtureException while other sessions are connected (the database is kept; close
     *                            them or use {@link #forceDrop()})
     */
    public void drop() {
        Uninterrupted.run(this::dropNow);
    }

    private void dropNow() {
        synchronized (lock) {
            if (dropped) {
                return;
            }
            closePool();
            cluster.admin().awaitOwnSessionsGone(name, applicationName);
            cluster.admin().drop(name);
            markDropped();
        }
    }

    /** Closes this object's pool, terminates every other session on the database, and drops it. */
    public void forceDrop() {
        Uninterrupted.run(this::forceDropNow);
    }

    private void forceDropNow() {
        synchronized (lock) {
            if (dropped) {
                return;
            }
            closePool();
            cluster.admin().forceDropIfExists(name);
            markDropped();
        }
    }

    /**
     * Keeps the database for inspection: {@link #close()} no longer drops it, and an embedded
     * cluster keeps running after the JVM exits (the next run's start stops and removes it, with
     * every database kept in it; on an external server, the next start drops kept databases whose
     * names pgfixture generated). Closes this object's pool. {@link #drop()} and
     * {@link #forceDrop()} still drop it when called explicitly (so does
     * {@code SharedCluster.dropDatabase} by name); once no kept database is left, an embedded cluster
     * stops with the JVM again.
     *
     * @return the database's JDBC URL, password included, to open it with psql or an IDE
     */
    public String keep() {
        synchronized (lock) {
            if (dropped) {
                throw new PgFixtureException("Database \"" + name + "\" has been dropped already; there is nothing to keep.");
            }
            closePool();
            if (!kept) {
                kept = true;
                cluster.keepAfterExit(this);
            }
            return url;
        }
    }

    /** True once {@link #keep()} was called. */
    public boolean isKept() {
        synchronized (lock) {
            return kept;
        }
    }

    /**
     * Drops the database; idempotent and never throws. If other sessions are still connected, logs a
     * WARN naming them (pid, application_name, state, last query), then force-drops. This object's
     * own pool connections are not "other": their server processes, which may need a moment to exit
     * after the pool is closed, are waited for (at most 2 s) and never named.
     *
     * <p>A database made from a {@link Template} (a generated name that is never used again) is
     * dropped on the cluster's dropping thread, right after this returns, so the test does not
     * wait for it; this object's own connections are closed before it returns. At JVM exit, pending
     * drops finish on an external server; an embedded cluster takes them with it.
     *
     * <p>On a thread whose interrupt flag is set (a test timeout, {@code ExecutorService.shutdownNow}),
     * it still drops: the flag is cleared while it works and set again before it returns. So do
     * {@link #drop()} and {@link #forceDrop()}.
     */
    @Override
    public void close() {
        Uninterrupted.run(this::closeNow);
    }

    private void closeNow() {
        synchronized (lock) {
            if (dropped || kept) {
                return;
            }
            try {
                closePool();
            } catch (RuntimeException e) {
                LOG.warn("Closing the pool of database \"{}\" failed: {}", name, e.getMessage(), e);
            }
            markDropped();
        }
        if (dropInBackground) {
            cluster.inBackground(this::dropReportingSessions);
        } else {
            dropReportingSessions();
        }
    }

    /**
     * DROP; if others are connected, a WARN naming them and a forced drop. Never throws. Our own
     * pool's sessions, closed a moment ago, are waited for (boundedly) and never named: on a loaded
     * machine their server processes can take a while to exit.
     */
    private void dropReportingSessions() {
        Admin admin = cluster.admin();
        try {
            Sessions.Remaining remaining = admin.awaitOwnSessionsGone(name, applicationName);
            if (remaining.others() == 0) {
                if (remaining.own() > 0) {
                    // Ours outlasted the wait: end them rather than let a plain DROP wait 5 s for them.
                    LOG.debug("Database \"{}\": {} session(s) of its own pool had not exited yet; force-dropping",
                            name, remaining.own());
                    admin.forceDropIfExists(name);
                    return;
                }
                try {
                    admin.dropIfExists(name);
                    return;
                } catch (PgFixtureException e) {
                    if (!isInUse(e)) {
                        LOG.warn("Dropping database \"{}\" failed ({}); force-dropping it", name, e.getMessage());
                        admin.forceDropIfExists(name);
                        return;
                    }
                }
            }
            // Others still there after their grace: force at once rather than let a plain DROP wait 5 s.
            List<String> sessions = admin.sessionsOn(name, applicationName);
            if (!sessions.isEmpty()) {
                LOG.warn("Database \"{}\" still had {} other session(s) when it was closed; terminating them:\n  {}",
                        name, sessions.size(), String.join("\n  ", sessions));
            }
            admin.forceDropIfExists(name);
        } catch (RuntimeException e) {
            LOG.warn("Could not drop database \"{}\": {}", name, e.getMessage(), e);
        }
    }

    private static boolean isInUse(PgFixtureException e) {
        return e.getCause() instanceof SQLException sql && "55006".equals(sql.getSQLState());
    }

    /**
     * The database was dropped by name ({@code SharedCluster.dropDatabase} / {@code forceDropDatabase}):
     * closes this object's pool and marks it dropped, so that its close, drop and forceDrop do nothing
     * and cannot reach a database created later under the same name.
     */
    void droppedElsewhere() {
        synchronized (lock) {
            if (dropped) {
                return;
            }
            try {
                closePool();
            } catch (RuntimeException e) {
                LOG.debug("Closing the pool of dropped database \"{}\" failed: {}", name, e.toString());
            }
            markDropped();
        }
    }

    private void closePool() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    private void markDropped() {
        dropped = true;
        cluster.forget(this);
    }

    /** Name and masked URL; never the password. */
    @Override
    public String toString() {
        return "TemporaryDatabase[" + name + " at " + SharedCluster.mask(url) + "]";
    }
}
