package io.github.pgfixture;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pgfixture.internal.server.JdbcUrls;
import io.github.pgfixture.internal.server.WatchedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * A database that exists until it is closed, for try-with-resources. Made by
 * {@link SharedCluster#temporaryClone} (a clone of a {@link Template} under a generated name),
 * {@link SharedCluster#temporaryDatabaseFromTemplate} (a clone under your name) or
 * {@link SharedCluster#emptyTemporaryDatabase} (an empty database under your name).
 *
 * <p>Three ways to end it:
 * <ul>
 *   <li>{@link #drop()} closes this object's connection pool and drops the database; while anybody else
 *       is connected it fails with a {@link DatabaseInUseException}, and the database is kept.</li>
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

    private final OpenDatabases databases;
    private final String name;
    private final String url;
    /** How {@link #close()} drops: now, or on the cluster's dropping thread. */
    private final OpenDatabases.Drop onClose;
    /** Marks this object's pool connections in pg_stat_activity, to tell them from other sessions. */
    private final String applicationName;
    private final Object lock = new Object();
    private HikariDataSource dataSource; // guarded by lock
    private boolean dropped; // guarded by lock

    /**
     * @param started the connection pool {@link #dataSource()} returns, started ahead with a ready clone on
     *                the cluster's preparing thread; null: made on first use. Owned by this object from
     *                now on, closed as a pool made here would be.
     */
    TemporaryDatabase(OpenDatabases databases, String name, String url, OpenDatabases.Drop onClose,
                      OpenDatabases.ConnectionPool started) {
        this.databases = databases;
        this.name = name;
        this.url = url;
        this.onClose = onClose;
        this.applicationName = started == null ? OpenDatabases.nextApplicationName() : started.applicationName();
        this.dataSource = started == null ? null : started.dataSource();
    }

    /**
     * The database's name: generated ({@code pgfixture_db_<run>_<n>}) for a clone of a {@link Template},
     * else the one the caller gave.
     *
     * @return the name, as PostgreSQL stores it
     */
    public String name() {
        return name;
    }

    /**
     * JDBC URL with credentials: {@code DriverManager.getConnection(url())} opens the database. Keep it
     * out of logs: it carries the password ({@link #toString()} masks it).
     *
     * @return the URL, valid as long as the database exists
     */
    public String url() {
        return url;
    }

    /**
     * This database's connection pool (HikariCP) with one open connection: made on first call, or, for
     * one of the ready clones, started ahead with the clone on the cluster's preparing thread, so that
     * the first {@code getConnection()} only borrows. At most {@code pgfixture.connections-per-database}
     * connections, 5 by default, the others opened on demand; closed by {@code drop}, {@code forceDrop},
     * {@code close} and {@code keep}: it hands out no connection afterwards. Connections still borrowed
     * from it at that point are closed too, before that call returns. A clone of a {@link Template}
     * whose connections were all returned has the rest of its pool's shutdown done on the cluster's
     * dropping thread, before its drop (see {@link #close()}).
     *
     * @return the same data source on every call until the pool is closed
     * @throws PgFixtureException if the database has been dropped, or the first connection cannot be opened
     *                            (the message says why: no connection slot left, the server gone, ...)
     */
    public DataSource dataSource() {
        synchronized (lock) {
            if (dropped) {
                throw new PgFixtureException("Database \"" + name + "\" has been dropped; its data source is closed. "
                        + "Create a new TemporaryDatabase instead.");
            }
            if (dataSource == null) {
                dataSource = databases.connectionPool(name, url, applicationName);
            }
            return dataSource;
        }
    }

    /**
     * Empties the database in place, for a database kept for a whole test class: one
     * {@code TRUNCATE ... RESTART IDENTITY CASCADE} over every table in every user schema, except the
     * migration tools' history tables ({@code flyway_schema_history}, {@code databasechangelog},
     * {@code databasechangeloglock}) and tables that belong to extensions. Sequences owned by those
     * tables restart; reference data loaded by migrations is removed too.
     *
     * @throws PgFixtureException if the database has been dropped, or PostgreSQL refuses the truncation
     *                            (a lock held by another session, for example)
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
     * Closes this object's connection pool, then drops the database. Its own pool's sessions, which
     * may need a moment to exit, are waited for (at most 2 s). Does nothing once dropped.
     *
     * @throws DatabaseInUseException    while other sessions are connected (the database is kept; close
     *                                   them or use {@link #forceDrop()})
     * @throws DatabaseNotFoundException if it was dropped behind this object's back (by SQL of its own)
     */
    public void drop() {
        Uninterrupted.run(() -> end(OpenDatabases.Drop.PLAIN));
    }

    /**
     * Closes this object's connection pool, terminates every other session on the database, and drops
     * it; a database that is gone already is no error. Does nothing once dropped.
     *
     * @throws PgFixtureException if PostgreSQL refuses the drop (a server that is gone, missing privileges)
     */
    public void forceDrop() {
        Uninterrupted.run(() -> end(OpenDatabases.Drop.FORCE));
    }

    /**
     * Keeps the database for inspection: {@link #close()} no longer drops it, and an embedded
     * cluster keeps running after the JVM exits (the next run's start stops and removes it, with
     * every database kept in it; on an external server, the next start drops kept databases whose
     * names pgfixture generated). Closes this object's connection pool. {@link #drop()} and
     * {@link #forceDrop()} still drop it when called explicitly (so does
     * {@code SharedCluster.dropDatabase} by name); once no kept database is left, an embedded cluster
     * stops with the JVM again. Calling it again only returns the URL.
     *
     * @return the database's JDBC URL, password included, to open it with psql or an IDE
     * @throws PgFixtureException if the database has been dropped already
     */
    public String keep() {
        synchronized (lock) {
            if (dropped) {
                throw new PgFixtureException("Database \"" + name + "\" has been dropped already; there is nothing "
                        + "to keep. Call keep() before close() or drop().");
            }
            closePool();
            databases.keep(name);
            return url;
        }
    }

    /**
     * Whether {@link #keep()} was called and the database is still there.
     *
     * @return true from {@code keep()} until the database is dropped explicitly or by name
     */
    public boolean isKept() {
        return databases.isKept(name) && !isDropped();
    }

    private boolean isDropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /**
     * Drops the database; idempotent and never throws. If other sessions are still connected, logs a
     * WARN naming them (pid, application_name, state, last query), then force-drops. This object's
     * own pool connections are not "other": their server processes, which may need a moment to exit
     * after the pool is closed, are waited for (at most 2 s) and never named. Does nothing for a kept
     * database.
     *
     * <p>A clone of a {@link Template} (a generated name that is never used again) is dropped on the
     * cluster's dropping thread, right after this returns, so the test does not wait for it (see
     * {@link SharedCluster#awaitDrops}). Its connection pool hands out no connection once this returns;
     * if none of its connections is borrowed then, the pool's shutdown (closing its idle connections)
     * runs on the dropping thread too, just before the drop, else here, ending the borrowed ones. On an
     * embedded cluster that drop may wait ({@code pgfixture.deferred-drops}) until no clone was closed for a
     * second, or for the cluster's end, unless another session is still connected. At JVM exit, pending drops finish on
     * an external server; an embedded cluster takes them with it.
     *
     * <p>On a thread whose interrupt flag is set (a test timeout, {@code ExecutorService.shutdownNow}),
     * it still drops: the flag is cleared while it works and set again before it returns. So do
     * {@link #drop()} and {@link #forceDrop()}.
     */
    @Override
    public void close() {
        Uninterrupted.run(() -> end(onClose));
    }

    /** Closes the pool and drops through the cluster's one drop path, which then {@linkplain #ended() ends} this. */
    private void end(OpenDatabases.Drop how) {
        synchronized (lock) {
            boolean closing = how == onClose;
            if (dropped || closing && databases.isKept(name)) {
                return;
            }
            HikariDataSource handedOver = how == OpenDatabases.Drop.CLOSE_IN_BACKGROUND ? retirePool() : null;
            try {
                closePool();
            } catch (RuntimeException e) {
                if (!closing) {
                    throw e;
                }
                LOG.warn("Closing the pool of database \"{}\" failed: {}", name, e.getMessage(), e);
            }
            databases.drop(name, how, applicationName, handedOver);
        }
    }

    /**
     * For a close whose drop runs on the dropping thread: if none of the pool's connections is borrowed,
     * the pool stops handing out connections now, and its shutdown (closing its idle connections) moves to
     * the dropping thread, before the drop, so that the test does not wait for it. Returns that pool, or
     * null (no pool, or a connection still borrowed: then the pool is closed here, and the borrowed
     * connection with it, as before).
     */
    private HikariDataSource retirePool() {
        if (dataSource instanceof WatchedDataSource watched && watched.retire()) {
            dataSource = null;
            return watched;
        }
        return null;
    }

    /**
     * The database is dropped (through this object or by name), or about to be by {@code close()}:
     * closes this object's pool and marks it dropped, so that its close, drop and forceDrop do nothing
     * and cannot reach a database created later under the same name. Called by {@link OpenDatabases} only.
     */
    void ended() {
        synchronized (lock) {
            if (dropped) {
                return;
            }
            try {
                closePool();
            } catch (RuntimeException e) {
                LOG.debug("Closing the pool of dropped database \"{}\" failed: {}", name, e.toString());
            }
            dropped = true;
        }
    }

    private void closePool() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    /**
     * Name and masked URL; never the password.
     *
     * @return {@code TemporaryDatabase[<name> at <url without password>]}
     */
    @Override
    public String toString() {
        return "TemporaryDatabase[" + name + " at " + JdbcUrls.mask(url) + "]";
    }
}
