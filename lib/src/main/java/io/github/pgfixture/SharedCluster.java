package io.github.pgfixture;

import io.github.pgfixture.internal.clone.BackgroundWork;
import io.github.pgfixture.internal.clone.ClonePool;
import io.github.pgfixture.internal.cluster.Admin;
import io.github.pgfixture.internal.cluster.Identifiers;
import io.github.pgfixture.internal.cluster.Lease;
import io.github.pgfixture.internal.cluster.Leftovers;
import io.github.pgfixture.internal.cluster.Uninterrupted;
import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.internal.server.EmbeddedServer;
import io.github.pgfixture.internal.server.JdbcUrls;
import io.github.pgfixture.internal.server.Server;
import io.github.pgfixture.internal.server.Servers;
import io.github.pgfixture.internal.server.WarmServer;
import io.github.pgfixture.internal.template.TemplateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's PostgreSQL cluster and the database DDL on it.
 *
 * <p>{@link #get()} boots an embedded PostgreSQL on first use (zonky's binaries from the class path,
 * tuned for tests, data on {@code /dev/shm} where it exists), or, when {@code pgfixture.url} /
 * {@code PGFIXTURE_URL} names an admin JDBC URL, attaches to that server and boots nothing. An
 * embedded cluster is stopped and deleted when the JVM exits; one left by a killed JVM is removed by
 * the next boot.
 *
 * <p>Every method checks database names before sending SQL (non-empty, at most 63 bytes in UTF-8, no
 * NUL) and quotes them, so no name can inject SQL or reach another database; {@code postgres},
 * {@code template0} and {@code template1} are refused as names to create, build or drop. Every failure is a
 * {@link PgFixtureException} naming the database, PostgreSQL's message and the remedy. All methods are
 * safe to call from many threads.
 */
public final class SharedCluster {

    private static final Logger LOG = LoggerFactory.getLogger(SharedCluster.class);
    private static final Object LOCK = new Object();
    private static volatile SharedCluster instance;
    private static PgFixtureException bootFailure;
    private static Map<String, String> programmatic = Map.of(); // guarded by LOCK

    private final Server server;
    private final Admin admin;
    private final Lease lease;
    private final Leftovers leftovers;
    private final TemplateBuilder templates;
    private final BackgroundWork background = new BackgroundWork();
    private final ConcurrentHashMap<String, ClonePool<TemporaryDatabase.PreparedPool>> clonePools = new ConcurrentHashMap<>();
    private final int readyClones;
    private final int poolSize;
    private final Set<TemporaryDatabase> open = ConcurrentHashMap.newKeySet(); // not dropped yet, kept ones too
    private final Set<String> kept = new HashSet<>(); // names of kept databases; guarded by itself
    private final Thread shutdownHook = new Thread(() -> shutdown(true), "pgfixture-cluster-shutdown");

    private SharedCluster(Server server, Admin admin, Lease lease, int poolSize, int readyClones) {
        this.readyClones = readyClones;
        this.server = server;
        this.admin = admin;
        this.lease = lease;
        this.leftovers = new Leftovers(server, admin);
        this.templates = new TemplateBuilder(server, admin::connectionUse);
        this.poolSize = poolSize;
    }

    /**
     * The JVM's cluster, booted on first call; every caller on every thread gets the same instance.
     *
     * <p>Concurrent first calls wait for one boot. If the boot fails, this and every later call throw
     * a {@link PgFixtureException} with the original cause, without trying again: a machine where
     * PostgreSQL cannot start fails fast instead of once per test.
     */
    public static SharedCluster get() {
        SharedCluster cluster = instance;
        if (cluster != null) {
            return cluster;
        }
        synchronized (LOCK) {
            if (instance == null) {
                if (bootFailure != null) {
                    throw new PgFixtureException("The shared cluster failed to boot earlier in this JVM: "
                            + bootFailure.getMessage(), bootFailure);
                }
                try {
                    instance = open(Settings.load(programmatic));
                    Runtime.getRuntime().addShutdownHook(instance.shutdownHook);
                } catch (PgFixtureException e) {
                    bootFailure = e;
                    throw e;
                } catch (RuntimeException | Error e) {
                    bootFailure = new PgFixtureException("The shared cluster failed to boot: " + e, e);
                    throw bootFailure;
                }
            }
            return instance;
        }
    }

    /**
     * Sets configuration programmatically, with precedence over system properties, environment
     * variables and {@code pgfixture.properties}; keys as in the users guide, e.g.
     * {@code Map.of("pgfixture.ready-clones", "8")}. Call it before the first {@link #get()}, for
     * example in a test suite's static initializer.
     *
     * @throws IllegalArgumentException for a key that does not start with {@code pgfixture.}, a key pgfixture
     *                                  does not read (a misspelling: the message names the nearest known key),
     *                                  or a null value
     * @throws IllegalStateException    after the cluster has booted with a different configuration
     */
    public static void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!e.getKey().startsWith("pgfixture.") || e.getValue() == null) {
                throw new IllegalArgumentException("Setting '" + e.getKey() + "' = " + e.getValue() + " is not a "
                        + "pgfixture setting with a value; keys start with 'pgfixture.' (did you mean '"
                        + Settings.nearestKnown(e.getKey()) + "'? See the users guide).");
            }
            Settings.requireKnown(e.getKey(), "SharedCluster.configure");
        }
        Map<String, String> copy = Map.copyOf(settings);
        synchronized (LOCK) {
            if (instance != null && !copy.equals(programmatic)) {
                throw new IllegalStateException("SharedCluster.configure was called after the cluster booted; the "
                        + "settings are fixed by then. Call it before the first SharedCluster.get().");
            }
            programmatic = copy;
        }
    }

    /** A new cluster from {@code settings}, independent of {@link #get()}; the caller closes it. */
    static SharedCluster open(Settings settings) {
        int poolSize = settings.getInt(Settings.CONNECTIONS_PER_DATABASE, 5, 1, 1000);
        String strategy = settings.get(Settings.CLONE_STRATEGY, "file_copy");
        settings.getInt(Settings.KEEP_TEMPLATES, -1, 0, 1000); // a wrong value fails before anything boots
        int readyClones = settings.getInt(Settings.READY_CLONES, 4, 0, 64);
        Server server = Servers.open(settings);
        Admin admin = null;
        try {
            admin = Admin.connect(server, strategy);
            Lease lease = Lease.acquire(server);
            SharedCluster cluster = new SharedCluster(server, admin, lease, poolSize, readyClones);
            if (!server.embedded()) {
                int keepTemplates = settings.getInt(Settings.KEEP_TEMPLATES, server.templatesKeptByDefault(), 0, 1000);
                Runnable cleanup = () -> cluster.cleanUp(lease.runId(), keepTemplates);
                if (server instanceof WarmServer) {
                    cluster.inBackground(cleanup); // a warm attach is meant to be quick: this runs beside the first test
                } else {
                    cleanup.run();
                }
            }
            LOG.info("pgfixture uses {}", server.describe());
            return cluster;
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            server.close();
            throw e;
        }
    }

    /** Drops what dead runs left, and the templates of each label beyond the {@code keepTemplates} newest (-1: none). */
    private void cleanUp(String runId, int keepTemplates) {
        leftovers.clean(runId);
        if (keepTemplates >= 0) {
            for (String label : leftovers.templateLabels()) {
                try {
                    leftovers.dropOutdatedTemplates(label, null, keepTemplates);
                } catch (PgFixtureException e) {
                    LOG.warn("Could not drop outdated templates labelled {}: {}", label, e.getMessage());
                }
            }
        }
    }

    /**
     * JDBC URL for {@code database} on this cluster, credentials included:
     * {@code DriverManager.getConnection(url)} opens it with no other argument. The database need
     * not exist yet. Keep the URL out of logs: it carries the password.
     */
    public String jdbcUrl(String database) {
        return server.jdbcUrl(Identifiers.checkName(database, "database"));
    }

    /** Creates an empty database (a copy of template1). Fails if the name is taken. */
    public void createDatabase(String name) {
        admin.createDatabase(name);
    }

    /**
     * {@code CREATE DATABASE name TEMPLATE template}: a copy of {@code template}, which must exist and
     * have no connected session while it is copied. Uses the faster {@code FILE_COPY} strategy by
     * default ({@code pgfixture.clone-strategy}).
     */
    public void createDatabaseFromTemplate(String name, String template) {
        admin.createFromTemplate(name, template);
    }

    /**
     * Drops {@code name}. Fails while any session is connected, as PostgreSQL does, and the database is
     * kept; fails if it does not exist. Refuses {@code postgres}, {@code template0}, {@code template1}.
     */
    public void dropDatabase(String name) {
        forgetTemplate(name); // first: the pool stops cloning what is about to go
        admin.drop(name);
        droppedByName(name);
    }

    /**
     * Terminates every session connected to {@code name} and drops it (a template is unmarked first).
     * Fails if it does not exist.
     */
    public void forceDropDatabase(String name) {
        forgetTemplate(name); // first: the pool stops cloning what is about to go
        admin.forceDrop(name);
        droppedByName(name);
    }

    /**
     * A TemporaryDatabase of that name (kept or not) is dropped now: its later close, drop or forceDrop
     * must do nothing rather than fail, warn, or drop a new database that reuses the name.
     */
    private void droppedByName(String name) {
        for (TemporaryDatabase database : open) {
            if (database.name().equals(name)) {
                database.droppedElsewhere();
            }
        }
        releaseKept(name);
    }

    public boolean databaseExists(String name) {
        return admin.exists(name);
    }

    /**
     * Runs {@code setup} at most once per template (also across threads and processes); afterwards the
     * template exists, is complete, and accepts no connections. A failing setup leaves no template
     * behind, propagates its exception (as cause), and the next call runs setup again.
     *
     * <p>Threads asking for the same template wait for one build; different templates build in
     * parallel. Across JVMs sharing a server, a PostgreSQL advisory lock makes the others wait and
     * then find the template built. A database of that name that is not marked finished
     * ({@code IS_TEMPLATE true}, {@code ALLOW_CONNECTIONS false}) is a leftover of an interrupted
     * build: it is dropped and built again. Connections the setup leaves open are terminated (with a
     * WARN), since PostgreSQL copies a template only while nobody is connected to it. A database of
     * yours that shares the template's name is taken for such a leftover and rebuilt, with a WARN
     * naming it; {@code postgres}, {@code template0} and {@code template1} are refused before any SQL.
     *
     * @throws PgFixtureException naming the template and the setup's failure (its exception is the cause)
     */
    public void ensureTemplateExists(String template, TemplateSetup setup) {
        templates.ensureExists(template, setup);
    }

    /**
     * Builds {@code template} unless a template of its name (same label, same migrations) exists,
     * as {@link #ensureTemplateExists}; returns its name.
     */
    public String ensureTemplate(Template template) {
        templates.ensureExists(template.name(), template.setup());
        return template.name();
    }

    /**
     * A clone of {@code template} (built first if needed) under a generated name that no other
     * thread or JVM uses ({@code pgfixture_db_<run>_<n>}). If this JVM dies without closing it, the
     * next start against the same server drops it.
     */
    public TemporaryDatabase temporaryDatabase(Template template) {
        String templateName = ensureTemplate(template);
        // A ready clone comes with its connection pool started on the preparing thread, so the test's
        // first getConnection() does not wait for HikariCP's start and the first connection.
        ClonePool<TemporaryDatabase.PreparedPool> pool = readyClones == 0 ? null : clonePools.computeIfAbsent(templateName,
                t -> new ClonePool<>(admin, t, lease::nextDatabaseName, background, readyClones,
                        clone -> TemporaryDatabase.PreparedPool.start(clone, jdbcUrl(clone), poolSize, admin)));
        ClonePool.Ready<TemporaryDatabase.PreparedPool> ready = pool == null ? null : pool.take();
        if (ready != null) {
            return track(new TemporaryDatabase(this, ready.name(), jdbcUrl(ready.name()), true, ready.prepared()));
        }
        String name = lease.nextDatabaseName();
        try {
            admin.createFromTemplate(name, templateName);
        } catch (PgFixtureException e) {
            if (admin.exists(templateName)) {
                throw e;
            }
            // Dropped behind our back since it was built (e.g. by dropOutdatedTemplates elsewhere): rebuild once.
            forgetTemplate(templateName);
            ensureTemplate(template);
            admin.createFromTemplate(name, templateName);
        }
        return track(new TemporaryDatabase(this, name, jdbcUrl(name), true));
    }

    private void forgetTemplate(String name) {
        templates.forget(name);
        ClonePool<TemporaryDatabase.PreparedPool> pool = clonePools.get(name);
        if (pool != null) {
            pool.invalidate();
        }
    }

    /**
     * A session for batch work outside tests that owns the clones it hands out and the templates it
     * builds, and drops them all when closed, even if the work failed. See {@link BatchSession}.
     */
    public BatchSession openBatchSession() {
        return new BatchSession(this);
    }

    /**
     * Drops every template with {@code current}'s label but another hash: those older migrations
     * built. Call it when no other run still clones them (they would fail). The setting
     * {@code pgfixture.keep-templates=N} does this at start-up for every label, keeping the N newest.
     *
     * @return the names of the dropped templates
     */
    public List<String> dropOutdatedTemplates(Template current) {
        List<String> dropped = leftovers.dropOutdatedTemplates(current.label(), current.name(), 0);
        dropped.forEach(this::forgetTemplate); // built here earlier? then the next ensure builds it again
        return dropped;
    }

    /** Creates an empty database {@code name} that is dropped when the returned object is closed. */
    public TemporaryDatabase temporaryDatabase(String name) {
        admin.createDatabase(name);
        return track(new TemporaryDatabase(this, name, jdbcUrl(name), false));
    }

    /**
     * Clones {@code template} into {@code name}, dropped when the returned object is closed:
     * {@code try (TemporaryDatabase db = cluster.temporaryDatabaseFromTemplate("t1", "app")) { ... }}.
     */
    public TemporaryDatabase temporaryDatabaseFromTemplate(String name, String template) {
        admin.createFromTemplate(name, template);
        return track(new TemporaryDatabase(this, name, jdbcUrl(name), false));
    }

    /**
     * How many databases this cluster has cloned from a template since it booted: every
     * {@code CREATE DATABASE … TEMPLATE …} it ran that succeeded, whether for a caller
     * ({@link #temporaryDatabase(Template)}, {@link #temporaryDatabaseFromTemplate},
     * {@link #createDatabaseFromTemplate}) or ahead of demand by the pool of ready clones. Ready
     * clones never handed out count too, so after a run this can exceed the databases tests used by
     * up to {@code pgfixture.ready-clones} per template. Templates themselves are not counted. A
     * read-only statistic for reports; it never resets.
     */
    public long clonesCreated() {
        return admin.clonesCreated();
    }

    /**
     * Of {@link #clonesCreated()}, those made while a caller of {@link #temporaryDatabase(Template)}
     * waited because the pool of ready clones had none (always 0 with {@code pgfixture.ready-clones=0},
     * where every clone is made on demand and none is counted here). A read-only statistic for reports.
     */
    public long clonesMadeOnDemand() {
        return clonePools.values().stream().mapToLong(ClonePool::misses).sum();
    }

    /**
     * The names of the temporary databases this JVM's cluster handed out that are neither closed nor
     * dropped yet, sorted: what a check that every test closed its database expects to be empty.
     * Ready clones (prepared ahead, named {@code pgfixture_db_*} like the databases handed out),
     * databases closed whose drop is still queued (see {@link #awaitDrops}), kept ones
     * ({@link TemporaryDatabase#keep()}) and those of other JVMs are not among them. A snapshot.
     */
    public SortedSet<String> openTemporaryDatabases() {
        SortedSet<String> names = new TreeSet<>();
        for (TemporaryDatabase database : open) {
            if (!database.isKept()) {
                names.add(database.name());
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /**
     * Waits at most {@code timeout} for the drops queued so far to finish. {@link TemporaryDatabase#close()}
     * of a database made from a {@link Template} returns before the database is gone: the drop runs on
     * a background thread, so a test that looks at {@code pg_database} right after a close may still
     * see it. Call this first; afterwards every database closed before the call is dropped.
     *
     * @return true when the drops are done; false on timeout, or if the thread was interrupted (its
     *         interrupt flag is then set again)
     */
    public boolean awaitDrops(Duration timeout) {
        return background.awaitDrops(timeout);
    }

    private TemporaryDatabase track(TemporaryDatabase database) {
        open.add(database);
        return database;
    }

    Admin admin() {
        return admin;
    }

    void inBackground(Runnable task) {
        background.submit(task);
    }

    /** Waits until the background threads have done everything submitted so far; for tests. */
    void awaitBackgroundWork() {
        background.awaitIdle();
    }

    /** Clones of {@code template} ready now; for tests. */
    int readyClones(String template) {
        ClonePool<TemporaryDatabase.PreparedPool> pool = clonePools.get(template);
        return pool == null ? 0 : pool.readyCount();
    }

    int poolSize() {
        return poolSize;
    }

    void forget(TemporaryDatabase database) {
        open.remove(database);
        releaseKept(database.name());
    }

    /** A kept database outlives the JVM: so must an embedded server holding it, until it is dropped. */
    void keepAfterExit(TemporaryDatabase database) {
        synchronized (kept) {
            kept.add(database.name());
            if (server instanceof EmbeddedServer embedded && embedded.keepRunningAfterExit()) {
                LOG.warn("Database \"{}\" is kept for inspection: {} keeps running after this "
                        + "JVM exits, until the next run's start removes it", database.name(), server.describe());
            }
        }
    }

    /** Once the last kept database is dropped, an embedded server stops with the JVM again. */
    private void releaseKept(String name) {
        synchronized (kept) {
            if (kept.remove(name) && kept.isEmpty() && server instanceof EmbeddedServer embedded) {
                embedded.stopAtExit();
                LOG.info("No database is kept any more: {} stops when this JVM exits",
                        server.describe());
            }
        }
    }

    /** True while an embedded server will outlive the JVM for kept databases; for tests. */
    boolean keepsRunningAfterExit() {
        return server instanceof EmbeddedServer embedded && embedded.isKeptRunning();
    }

    /** For logs and messages; never contains the password. */
    @Override
    public String toString() {
        return "SharedCluster[" + server.describe() + "]";
    }

    /** Stops a cluster made by {@link #open}: drops its open temporary databases, then stops the server. */
    void close() {
        Uninterrupted.run(() -> shutdown(false));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // shutting down, or never registered
        }
    }

    /** @param jvmExit true from the shutdown hook: then an embedded server holding kept databases stays up */
    private void shutdown(boolean jvmExit) {
        if (!server.embedded()) {
            // An embedded server takes its databases with it; an external one keeps whatever we leave.
            for (TemporaryDatabase database : List.copyOf(open)) {
                database.close();
            }
        }
        // Ready clones and queued drops: an external server keeps what we leave, an embedded one does not.
        clonePools.values().forEach(pool -> pool.close(!server.embedded()));
        background.shutdown(server.embedded() ? 5 : 60);
        try {
            lease.close();
            admin.close();
        } finally {
            if (!(jvmExit && server instanceof EmbeddedServer embedded && embedded.isKeptRunning())) {
                server.close();
            }
        }
    }

    static String mask(String url) {
        return JdbcUrls.mask(url);
    }
}
