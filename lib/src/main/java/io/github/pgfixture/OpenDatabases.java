package io.github.pgfixture;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pgfixture.internal.cluster.Admin;
import io.github.pgfixture.internal.server.EmbeddedServer;
import io.github.pgfixture.internal.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one owner of the life of the databases a cluster hands out as {@link TemporaryDatabase}s: which
 * are open, which are kept, their connection pools, and the one path by which a database is dropped,
 * whether through its handle ({@code drop}, {@code forceDrop}, {@code close}) or by name
 * ({@link SharedCluster#dropDatabase}, {@link SharedCluster#forceDropDatabase}).
 *
 * <p>Every drop goes through {@link #drop}, which ends the handle of that name (its pool closed, its
 * later calls no-ops) and releases the name from the kept ones, so the two ways in cannot drift apart.
 * At most one open handle per name: a name created again while an old handle is still open means the
 * old database was dropped behind pgfixture's back, and the old handle is ended without touching the
 * new database. Thread-safe.
 */
final class OpenDatabases {

    // Logged under the public types' names, which users set levels for: drops as TemporaryDatabase, the
    // embedded server's fate (kept running or not) as SharedCluster.
    private static final Logger LOG = LoggerFactory.getLogger(TemporaryDatabase.class);
    private static final Logger CLUSTER_LOG = LoggerFactory.getLogger(SharedCluster.class);
    private static final AtomicLong POOLS = new AtomicLong();

    /** How a drop treats the other sessions on the database, and when it runs. */
    enum Drop {
        /** {@code DROP DATABASE}: a {@link DatabaseInUseException} while others are connected, and the database stays. */
        PLAIN,
        /** Terminates every other session, then drops; a template is unmarked first. */
        FORCE,
        /**
         * For {@code close()}, never throws: the handle ends first, then the database is dropped; others still
         * connected after a short grace are named in a WARN and terminated. A missing database is no error.
         */
        CLOSE,
        /** As {@link #CLOSE}, with the DDL on the cluster's dropping thread (generated names, never reused). */
        CLOSE_IN_BACKGROUND
    }

    /** A connection pool started ahead for a ready clone, with the application name its connections carry. */
    record ConnectionPool(HikariDataSource dataSource, String applicationName) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
        }
    }

    private final Server server;
    private final Admin admin;
    private final BackgroundWork background;
    private final int connectionsPerDatabase;
    /** {@code pgfixture.deferred-drops}: closed clones whose DROP may wait on an embedded cluster. */
    static final int DEFAULT_DEFERRED_DROPS = 256;
    /** Deferring stops while the data directory's file system has less free than this fraction of its size... */
    private static final double MIN_FREE_FRACTION = 0.25;
    /** ...or less than this many bytes. */
    private static final long MIN_FREE_BYTES = 1L << 30;

    private final int deferredDropsMax;
    private final FileStore dataStore; // null: not an embedded cluster, or its file system unknown
    /** Deferred drops run once no clone was closed for this long: when the suite pauses or has ended. */
    static final long IDLE_MILLIS = 1_000;

    private final ArrayDeque<String> deferred = new ArrayDeque<>(); // guarded by itself; oldest first
    private volatile long lastDeferral; // System.nanoTime() of the last deferral
    private final ConcurrentHashMap<String, TemporaryDatabase> open = new ConcurrentHashMap<>(); // kept ones too
    private final Set<String> kept = new HashSet<>(); // guarded by itself

    /**
     * @param connectionsPerDatabase the maximum size of each database's connection pool
     *                               ({@code pgfixture.connections-per-database})
     * @param deferredDrops          on an embedded cluster, at most this many closed clones wait for their
     *                               DROP ({@code pgfixture.deferred-drops}); 0 drops each right after close
     */
    OpenDatabases(Server server, Admin admin, BackgroundWork background, int connectionsPerDatabase,
                  int deferredDrops) {
        this.server = server;
        this.admin = admin;
        this.background = background;
        this.connectionsPerDatabase = connectionsPerDatabase;
        this.deferredDropsMax = deferredDrops;
        this.dataStore = deferredDrops > 0 && server instanceof EmbeddedServer embedded ? fileStore(embedded) : null;
    }

    private static FileStore fileStore(EmbeddedServer server) {
        try {
            return Files.getFileStore(server.directory());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Free space of {} unknown ({}): closed clones are dropped at once", server.directory(), e.toString());
            return null;
        }
    }

    /**
     * A handle on {@code name}, which the caller has just created; open until dropped.
     *
     * @param dropInBackground true for a generated name, never used again: {@code close()} drops it on the
     *                         dropping thread
     * @param started          the connection pool started ahead with a ready clone, now the handle's; or null
     */
    TemporaryDatabase open(String name, String url, boolean dropInBackground, ConnectionPool started) {
        TemporaryDatabase database = new TemporaryDatabase(this, name, url,
                dropInBackground ? Drop.CLOSE_IN_BACKGROUND : Drop.CLOSE, started);
        TemporaryDatabase stale = open.put(name, database);
        if (stale != null) { // PostgreSQL let the name be created again: the old one was dropped behind our back
            stale.ended();
            releaseKept(name);
        }
        return database;
    }

    /**
     * The one drop path. Afterwards the handle of that name, if one is open, is ended and the name is no
     * longer kept; with {@link Drop#CLOSE} that happens first, and nothing is thrown.
     *
     * @param own the {@code application_name} of the handle's connection pool, whose just-closed sessions are
     *            waited for (boundedly) and never named as others; null when dropped by name
     * @throws DatabaseInUseException     ({@link Drop#PLAIN}) while others are connected; the database stays
     * @throws DatabaseNotFoundException  ({@link Drop#PLAIN}; {@link Drop#FORCE} by name) if it does not exist
     */
    void drop(String name, Drop how, String own) {
        drop(name, how, own, null);
    }

    /**
     * As {@link #drop(String, Drop, String)}; with {@link Drop#CLOSE_IN_BACKGROUND}, {@code retiredPool}
     * (the handle's connection pool, which hands out nothing more, or null) is shut down on the dropping
     * thread before the drop.
     */
    void drop(String name, Drop how, String own, HikariDataSource retiredPool) {
        switch (how) {
            case PLAIN -> {
                if (own != null) {
                    admin.awaitOwnSessionsGone(name, own);
                }
                admin.drop(name);
            }
            case FORCE -> {
                if (own != null) {
                    admin.forceDropIfExists(name);
                } else {
                    admin.forceDrop(name);
                }
            }
            case CLOSE, CLOSE_IN_BACKGROUND -> {
                ended(name);
                if (how == Drop.CLOSE_IN_BACKGROUND) {
                    background.submit(() -> {
                        closeQuietly(name, retiredPool);
                        dropOrDefer(name, own);
                    });
                } else {
                    dropReportingSessions(name, own);
                }
                return;
            }
        }
        ended(name);
    }

    private static void closeQuietly(String name, HikariDataSource pool) {
        if (pool == null) {
            return;
        }
        try {
            pool.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the pool of database \"{}\" failed: {}", name, e.getMessage(), e);
        }
    }

    private void ended(String name) {
        TemporaryDatabase database = open.remove(name);
        if (database != null) {
            database.ended();
        }
        releaseKept(name);
    }

    /**
     * On the dropping thread, for a closed clone under a generated name: on an embedded cluster that ends
     * with this JVM, the DROP waits (up to {@code pgfixture.deferred-drops} clones, and while the data
     * directory's file system keeps a quarter and 1 GiB free), so that a suite's drops neither take CPU
     * from its tests nor wait for the clone's just-closed sessions to exit. What waits is dropped once no
     * clone was closed for {@link #IDLE_MILLIS} (the suite pauses or has ended); what still waits when the
     * cluster shuts down goes with it, as it is deleted whole. Others still connected are reported as by a plain
     * close, at once; so is any clone on a server that outlives the JVM, which is dropped at once.
     */
    private void dropOrDefer(String name, String own) {
        if (!mayDefer()) {
            dropReportingSessions(name, own);
            return;
        }
        if (!admin.sessionsOn(name, own).isEmpty()) { // someone else is connected: WARN and drop now
            dropReportingSessions(name, own);
            return;
        }
        synchronized (deferred) {
            deferred.addLast(name);
        }
        lastDeferral = System.nanoTime();
        background.submitLater(this::dropDeferredIfIdle, IDLE_MILLIS);
        while (true) {
            String oldest;
            synchronized (deferred) {
                if (deferred.isEmpty() || deferred.size() <= deferredDropsMax && !lowOnSpace()) {
                    return;
                }
                oldest = deferred.pollFirst();
            }
            dropDeferred(oldest);
        }
    }

    private boolean mayDefer() {
        return dataStore != null && server instanceof EmbeddedServer embedded && !embedded.isKeptRunning();
    }

    private boolean lowOnSpace() {
        try {
            long usable = dataStore.getUsableSpace();
            return usable < MIN_FREE_BYTES || usable < dataStore.getTotalSpace() * MIN_FREE_FRACTION;
        } catch (IOException e) {
            return true;
        }
    }

    private void dropDeferred(String name) {
        try {
            admin.forceDropIfExists(name); // its own sessions left long ago; anyone who connected since is ended
        } catch (RuntimeException e) {
            LOG.warn("Could not drop database \"{}\": {}", name, e.getMessage(), e);
        }
    }

    /**
     * Queues the drops of every closed clone whose DROP was deferred, on the dropping thread; for
     * {@link SharedCluster#awaitDrops} and for a server that is to outlive the JVM.
     */
    void dropDeferred() {
        background.submit(() -> dropAllDeferred(false));
    }

    /** On the dropping thread: once no clone was closed for {@link #IDLE_MILLIS}, the suite pauses: drop what waits. */
    private void dropDeferredIfIdle() {
        if (System.nanoTime() - lastDeferral >= TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
            dropAllDeferred(true);
        }
    }

    /**
     * Drops every clone that waits, oldest first, on several admin sessions at once
     * ({@link BackgroundWork#onSeveralThreads}): each {@code DROP DATABASE} waits for a checkpoint and for
     * every server process to close the database's files, and with several at once those waits overlap
     * (ADR 16). Returns once the queue is empty and every drop taken from it has finished; a drop that
     * fails is a WARN naming the database, and the others go on.
     *
     * @param untilShutdown stop once the cluster shuts down (an embedded cluster takes the rest with it)
     */
    private void dropAllDeferred(boolean untilShutdown) {
        int waiting = deferredDrops();
        if (waiting > 0) {
            background.onSeveralThreads(() -> dropDeferredOneByOne(untilShutdown), waiting);
        }
    }

    private void dropDeferredOneByOne(boolean untilShutdown) {
        while (!(untilShutdown && background.stopping())) {
            String name;
            synchronized (deferred) {
                name = deferred.pollFirst();
            }
            if (name == null) {
                return;
            }
            dropDeferred(name);
        }
    }

    /** Closed clones whose DROP waits now; for tests. */
    int deferredDrops() {
        synchronized (deferred) {
            return deferred.size();
        }
    }

    /**
     * DROP; if others are connected, a WARN naming them and a forced drop. Never throws. Our own
     * pool's sessions, closed a moment ago, are waited for (boundedly) and never named: on a loaded
     * machine their server processes can take a while to exit.
     */
    private void dropReportingSessions(String name, String own) {
        try {
            Admin.Remaining remaining = admin.awaitOwnSessionsGone(name, own);
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
                } catch (DatabaseInUseException e) {
                    // someone connected meanwhile: named below
                } catch (PgFixtureException e) {
                    LOG.warn("Dropping database \"{}\" failed ({}); force-dropping it", name, e.getMessage());
                    admin.forceDropIfExists(name);
                    return;
                }
            }
            // Others still there after their grace: force at once rather than let a plain DROP wait 5 s.
            List<String> sessions = admin.sessionsOn(name, own);
            if (!sessions.isEmpty()) {
                LOG.warn("Database \"{}\" still had {} other session(s) when it was closed; terminating them:\n  {}",
                        name, sessions.size(), String.join("\n  ", sessions));
            }
            admin.forceDropIfExists(name);
        } catch (RuntimeException e) {
            LOG.warn("Could not drop database \"{}\": {}", name, e.getMessage(), e);
        }
    }

    /**
     * Keeps {@code name} for inspection: {@code close()} leaves it, and an embedded server holding it
     * outlives the JVM until it is dropped (see {@link TemporaryDatabase#keep()}).
     */
    void keep(String name) {
        synchronized (kept) {
            if (kept.add(name) && server instanceof EmbeddedServer embedded && embedded.keepRunningAfterExit()) {
                dropDeferred(); // the server now outlives the JVM: what waits must not stay in it
                CLUSTER_LOG.warn("Database \"{}\" is kept for inspection: {} keeps running after this "
                        + "JVM exits, until the next run's start removes it", name, server.describe());
            }
        }
    }

    boolean isKept(String name) {
        synchronized (kept) {
            return kept.contains(name);
        }
    }

    /** Once the last kept database is dropped, an embedded server stops with the JVM again. */
    private void releaseKept(String name) {
        synchronized (kept) {
            if (kept.remove(name) && kept.isEmpty() && server instanceof EmbeddedServer embedded) {
                embedded.stopAtExit();
                CLUSTER_LOG.info("No database is kept any more: {} stops when this JVM exits", server.describe());
            }
        }
    }

    /** Open and not kept, sorted; see {@link SharedCluster#openTemporaryDatabases()}. */
    SortedSet<String> openNames() {
        SortedSet<String> names = new TreeSet<>(open.keySet());
        synchronized (kept) {
            names.removeAll(kept);
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /** Closes every open handle (kept ones stay): they drop, on the dropping thread for generated names. */
    void closeAll() {
        for (TemporaryDatabase database : List.copyOf(open.values())) {
            database.close();
        }
    }

    /** The application name for a new connection pool's connections, unique in this JVM. */
    static String nextApplicationName() {
        return "pgfixture-db-" + POOLS.incrementAndGet();
    }

    /**
     * A connection pool on a ready clone, started on the preparing thread: its first connection is open
     * and has run its first query. A new server process's first query pays for setting up its caches
     * (1.2–1.9 ms at p50 against 0.3–0.7 ms for the next one, measured 2026-12-08 at load 3–4, ADR 17);
     * here that happens ahead instead of on the test's path.
     */
    ConnectionPool startConnectionPool(String name, String url) {
        String applicationName = nextApplicationName();
        HikariDataSource pool = connectionPool(name, url, applicationName);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            LOG.debug("First query on ready clone \"{}\" failed ({}); the test's own runs it", name, e.toString());
        }
        return new ConnectionPool(pool, applicationName);
    }

    /**
     * The connection pool a {@link TemporaryDatabase#dataSource()} hands out for database {@code name},
     * started: its first connection is open when this returns.
     */
    HikariDataSource connectionPool(String name, String url, String applicationName) {
        return admin.connectionPool(name, url, connectionsPerDatabase, applicationName);
    }
}
