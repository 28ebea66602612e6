package io.github.pgfixture;

import io.github.pgfixture.internal.cluster.Admin;
import io.github.pgfixture.internal.cluster.Lease;
import io.github.pgfixture.internal.cluster.Leftovers;
import io.github.pgfixture.internal.cluster.TemplateBuilder;
import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.internal.server.EmbeddedServer;
import io.github.pgfixture.internal.server.Server;
import io.github.pgfixture.internal.server.Servers;
import io.github.pgfixture.internal.server.WarmServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

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
 * {@link PgFixtureException} naming the database, PostgreSQL's message and the remedy; PostgreSQL's own
 * refusals have subclasses ({@link DatabaseExistsException}, {@link DatabaseNotFoundException},
 * {@link TemplateNotFoundException}, {@link DatabaseInUseException}, {@link TemplateInUseException}). All
 * methods are safe to call from many threads.
 *
 * <p>Three ways to a {@link TemporaryDatabase}, by what it holds:
 * <ul>
 *   <li>{@link #temporaryClone(Template)}: a clone of a migrated template under a generated name, usually
 *       one of the ready clones prepared ahead; the fast path for tests.
 *       ({@link #temporaryDatabase(Template)} is the same.)</li>
 *   <li>{@link #temporaryDatabaseFromTemplate(String, String)}: a clone of a template you name, under a name
 *       of yours.</li>
 *   <li>{@link #emptyTemporaryDatabase(String)}: an empty database under a name of yours.
 *       ({@link #temporaryDatabase(String)} is the same.)</li>
 * </ul>
 *
 * <p>This class is a facade: the databases it hands out are tracked, kept and dropped by one
 * collaborator, templates are built by another, and clones under generated names (ready clones,
 * prepared on a background thread) come from a third.
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
    private final OpenDatabases databases;
    private final TemplateClones clones;
    private final Thread shutdownHook = new Thread(() -> shutdown(true), "pgfixture-cluster-shutdown");

    private SharedCluster(Server server, Admin admin, Lease lease, int connectionsPerDatabase, int readyClonesPerTemplate,
                          int deferredDrops) {
        this.server = server;
        this.admin = admin;
        this.lease = lease;
        this.leftovers = new Leftovers(server, admin);
        this.templates = new TemplateBuilder(server, admin::connectionUse);
        this.databases = new OpenDatabases(server, admin, background, connectionsPerDatabase, deferredDrops);
        this.clones = new TemplateClones(admin, lease, background, databases, readyClonesPerTemplate);
    }

    /**
     * The JVM's cluster, booted on first call; every caller on every thread gets the same instance.
     *
     * <p>Concurrent first calls wait for one boot. If the boot fails, this and every later call throw
     * a {@link PgFixtureException} with the original cause, without trying again: a machine where
     * PostgreSQL cannot start fails fast instead of once per test.
     *
     * @return the one cluster of this JVM
     * @throws PgFixtureException if the boot failed, now or earlier in this JVM (the first failure is the
     *                            cause; its message says what PostgreSQL or the system said)
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
     * <p>Validated here, at the call that caused a problem: a refused map changes nothing. Calling it
     * again before the boot replaces the earlier map; after the boot, only the same map is accepted
     * (so a suite's initializer that runs twice does no harm).
     *
     * @param settings keys as in the users guide's Configuration section, each with a non-null value
     * @throws PgFixtureException for a key that does not start with {@code pgfixture.}, a key pgfixture does
     *                            not read (a misspelling: the message names the nearest known key), or a
     *                            null value; and after the cluster has booted with a different configuration
     */
    public static void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!e.getKey().startsWith("pgfixture.") || e.getValue() == null) {
                throw new PgFixtureException("Setting '" + e.getKey() + "' = " + e.getValue() + " is not a "
                        + "pgfixture setting with a value; keys start with 'pgfixture.' (did you mean '"
                        + Settings.nearestKnown(e.getKey()) + "'? See the users guide).");
            }
            Settings.requireKnown(e.getKey(), "SharedCluster.configure");
        }
        Map<String, String> copy = Map.copyOf(settings);
        synchronized (LOCK) {
            if (instance != null && !copy.equals(programmatic)) {
                throw new PgFixtureException("SharedCluster.configure was called after the cluster booted; the "
                        + "settings are fixed by then. Call it before the first SharedCluster.get().");
            }
            programmatic = copy;
        }
    }

    /** A new cluster from {@code settings}, independent of {@link #get()}; the caller closes it. */
    static SharedCluster open(Settings settings) {
        int connectionsPerDatabase = settings.getInt(Settings.CONNECTIONS_PER_DATABASE, 5, 1, 1000);
        String strategy = settings.get(Settings.CLONE_STRATEGY, "file_copy");
        settings.getInt(Settings.KEEP_TEMPLATES, -1, 0, 1000); // a wrong value fails before anything boots
        int readyClones = settings.getInt(Settings.READY_CLONES, 4, 0, 64);
        int deferredDrops = settings.getInt(Settings.DEFERRED_DROPS, OpenDatabases.DEFAULT_DEFERRED_DROPS, 0, 100_000);
        Server server = Servers.open(settings);
        Admin admin = null;
        try {
            admin = Admin.connect(server, strategy);
            Lease lease = Lease.acquire(server);
            SharedCluster cluster = new SharedCluster(server, admin, lease, connectionsPerDatabase, readyClones, deferredDrops);
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
     *
     * @param database the database's name
     * @return the URL, with user and password
     * @throws PgFixtureException for a name PostgreSQL would not keep as given (empty, over 63 bytes, NUL)
     */
    public String jdbcUrl(String database) {
        return admin.jdbcUrl(database);
    }

    /**
     * Creates an empty database (a copy of template1), which stays until it is dropped. For one that is
     * dropped when a test ends, use {@link #emptyTemporaryDatabase}.
     *
     * @param name the database's name
     * @throws DatabaseExistsException if the name is taken (the existing database is untouched)
     * @throws PgFixtureException      for a name PostgreSQL would not keep, or a system database's name
     */
    public void createDatabase(String name) {
        admin.createDatabase(name);
    }

    /**
     * {@code CREATE DATABASE name TEMPLATE template}: a copy of {@code template}, which must exist and
     * have no connected session while it is copied. Uses the faster {@code FILE_COPY} strategy by
     * default ({@code pgfixture.clone-strategy}).
     *
     * @param name     the new database's name
     * @param template the database to copy
     * @throws DatabaseExistsException    if {@code name} is taken
     * @throws TemplateNotFoundException  if {@code template} does not exist
     * @throws TemplateInUseException     if sessions are connected to {@code template} (nothing is created)
     * @throws PgFixtureException         for a name PostgreSQL would not keep, or a system database's name
     */
    public void createDatabaseFromTemplate(String name, String template) {
        admin.createFromTemplate(name, template);
    }

    /**
     * Drops {@code name}. Fails while any session is connected, as PostgreSQL does, and the database is
     * kept; fails if it does not exist. Refuses {@code postgres}, {@code template0}, {@code template1}.
     * An open {@link TemporaryDatabase} of that name ends with it: its later close, drop and forceDrop do
     * nothing. A template's ready clones are dropped too.
     *
     * @param name the database to drop
     * @throws DatabaseInUseException    while other sessions are connected (the database is kept)
     * @throws DatabaseNotFoundException if it does not exist
     * @throws PgFixtureException        for a system database or a template ({@link #forceDropDatabase}
     *                                   unmarks templates first)
     */
    public void dropDatabase(String name) {
        forgetTemplate(name); // first: its ready clones stop cloning what is about to go
        databases.drop(name, OpenDatabases.Drop.PLAIN, null);
    }

    /**
     * Terminates every session connected to {@code name} and drops it (a template is unmarked first).
     * Fails if it does not exist. An open {@link TemporaryDatabase} of that name ends with it, as with
     * {@link #dropDatabase}.
     *
     * @param name the database to drop
     * @throws DatabaseNotFoundException if it does not exist
     * @throws PgFixtureException        for a system database, or if PostgreSQL refuses (privileges)
     */
    public void forceDropDatabase(String name) {
        forgetTemplate(name); // first: its ready clones stop cloning what is about to go
        databases.drop(name, OpenDatabases.Drop.FORCE, null);
    }

    /**
     * Whether a database of that name exists on the server now, made by anybody; a snapshot.
     *
     * @param name the database's name, matched exactly (case-sensitive, as every name here is quoted)
     * @return true if {@code pg_database} lists it
     * @throws PgFixtureException for a name PostgreSQL would not keep as given
     */
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
     * @param template the template's name (not one of the system databases)
     * @param setup    migrates the template; run at most once per successful build
     * @throws PgFixtureException naming the template and the setup's failure (its exception is the cause);
     *                            also for a null setup or a refused name
     */
    public void ensureTemplateExists(String template, TemplateSetup setup) {
        templates.ensureExists(template, setup == null ? null : setup::setUp);
    }

    /**
     * Builds {@code template} unless a template of its name (same label, same migrations) exists,
     * as {@link #ensureTemplateExists}.
     *
     * @param template the definition to build
     * @return its name, {@link Template#name()}
     * @throws PgFixtureException naming the template and the setup's failure (its exception is the cause)
     */
    public String ensureTemplate(Template template) {
        templates.ensureExists(template.name(), template.setup()::setUp);
        return template.name();
    }

    /**
     * A clone of {@code template} (built first if needed) under a generated name that no other
     * thread or JVM uses ({@code pgfixture_db_<run>_<n>}), usually one of the ready clones prepared
     * ahead, so the caller waits for little more than a connection. {@link TemporaryDatabase#close()}
     * drops it on a background thread. If this JVM dies without closing it, the next start against
     * the same server drops it.
     *
     * <p>Same as {@link #temporaryDatabase(Template)}; this name says what it makes. For a clone under a
     * name of your own, see {@link #temporaryDatabaseFromTemplate}.
     *
     * @param template the definition to clone; built now if no template of its name exists
     * @return the clone, open until closed
     * @throws PgFixtureException if the template cannot be built (its setup's exception is the cause) or
     *                            cloned
     */
    public TemporaryDatabase temporaryClone(Template template) {
        String templateName = ensureTemplate(template);
        return clones.take(templateName, () -> {
            forgetTemplate(templateName);
            ensureTemplate(template);
        });
    }

    /**
     * A clone of {@code template} under a generated name: the same as {@link #temporaryClone(Template)},
     * which is the clearer name. Not to be confused with {@link #temporaryDatabase(String)}, which makes
     * an <em>empty</em> database under the name given.
     *
     * @param template the definition to clone; built now if no template of its name exists
     * @return the clone, open until closed
     * @throws PgFixtureException if the template cannot be built or cloned
     */
    public TemporaryDatabase temporaryDatabase(Template template) {
        return temporaryClone(template);
    }

    private void forgetTemplate(String name) {
        templates.forget(name);
        clones.invalidate(name);
    }

    /**
     * A session for batch work outside tests that owns the clones it hands out and the templates it
     * builds, and drops them all when closed, even if the work failed. See {@link BatchSession}.
     *
     * @return a new session, open until closed
     */
    public BatchSession openBatchSession() {
        return new BatchSession(this);
    }

    /**
     * Drops every template with {@code current}'s label but another hash: those older migrations
     * built. Call it when no other run still clones them (they would fail). The setting
     * {@code pgfixture.keep-templates=N} does this at start-up for every label, keeping the N newest.
     *
     * @param current the definition whose template stays; its label selects the others
     * @return the names of the dropped templates
     * @throws PgFixtureException if one cannot be dropped (the ones before it are gone)
     */
    public List<String> dropOutdatedTemplates(Template current) {
        List<String> dropped = leftovers.dropOutdatedTemplates(current.label(), current.name(), 0);
        dropped.forEach(this::forgetTemplate); // built here earlier? then the next ensure builds it again
        return dropped;
    }

    /**
     * An <em>empty</em> database (a copy of {@code template1}) under the name given, dropped when the
     * returned object is closed; the same as {@link #emptyTemporaryDatabase(String)}, which is the
     * clearer name. Not to be confused with {@link #temporaryDatabase(Template)}, which makes a clone.
     *
     * @param name the database's name: at most 63 bytes, not taken
     * @return the database, open until closed
     * @throws DatabaseExistsException if a database of that name exists
     * @throws PgFixtureException      for a name PostgreSQL would not keep, or a system database's name
     */
    public TemporaryDatabase temporaryDatabase(String name) {
        return emptyTemporaryDatabase(name);
    }

    /**
     * An empty database (a copy of {@code template1}) under the name given, dropped when the returned
     * object is closed. {@link TemporaryDatabase#close()} drops it before it returns, so the name can be
     * used again right after. For a database with your schema, clone a template instead
     * ({@link #temporaryClone(Template)}, {@link #temporaryDatabaseFromTemplate}).
     *
     * @param name the database's name: at most 63 bytes, not taken
     * @return the database, open until closed
     * @throws DatabaseExistsException if a database of that name exists
     * @throws PgFixtureException      for a name PostgreSQL would not keep, or a system database's name
     */
    public TemporaryDatabase emptyTemporaryDatabase(String name) {
        admin.createDatabase(name);
        return databases.open(name, jdbcUrl(name), false, null);
    }

    /**
     * Clones {@code template} into {@code name}, dropped when the returned object is closed:
     * {@code try (TemporaryDatabase db = cluster.temporaryDatabaseFromTemplate("t1", "app")) { ... }}.
     * {@link TemporaryDatabase#close()} drops it before returning, so the name can be used again; for a
     * clone of a {@link Template} under a generated name (faster: one of the ready clones), see
     * {@link #temporaryClone}.
     *
     * @param name     the clone's name, not taken
     * @param template the database to copy: it must exist and have no session connected
     * @return the clone, open until closed
     * @throws DatabaseExistsException   if {@code name} is taken
     * @throws TemplateNotFoundException if {@code template} does not exist
     * @throws TemplateInUseException    if sessions are connected to {@code template}
     */
    public TemporaryDatabase temporaryDatabaseFromTemplate(String name, String template) {
        admin.createFromTemplate(name, template);
        return databases.open(name, jdbcUrl(name), false, null);
    }

    /**
     * How many databases this cluster has cloned from a template since it booted: every
     * {@code CREATE DATABASE … TEMPLATE …} it ran that succeeded, whether for a caller
     * ({@link #temporaryDatabase(Template)}, {@link #temporaryDatabaseFromTemplate},
     * {@link #createDatabaseFromTemplate}) or ahead of demand as ready clones. Ready
     * clones never handed out count too, so after a run this can exceed the databases tests used by
     * up to {@code pgfixture.ready-clones} per template. Templates themselves are not counted. A
     * read-only statistic for reports; it never resets.
     *
     * @return the count since boot
     */
    public long clonesCreated() {
        return admin.clonesCreated();
    }

    /**
     * Of {@link #clonesCreated()}, those made while a caller of {@link #temporaryDatabase(Template)}
     * waited because no ready clone was there (always 0 with {@code pgfixture.ready-clones=0},
     * where every clone is made on demand and none is counted here). A read-only statistic for reports.
     *
     * @return the count since boot
     */
    public long clonesMadeOnDemand() {
        return clones.madeOnDemand();
    }

    /**
     * The names of the temporary databases this JVM's cluster handed out that are neither closed nor
     * dropped yet, sorted: what a check that every test closed its database expects to be empty.
     * Ready clones (prepared ahead, named {@code pgfixture_db_*} like the databases handed out),
     * databases closed whose drop is still queued (see {@link #awaitDrops}), kept ones
     * ({@link TemporaryDatabase#keep()}) and those of other JVMs are not among them. A snapshot.
     *
     * @return the names, unmodifiable
     */
    public SortedSet<String> openTemporaryDatabases() {
        return databases.openNames();
    }

    /**
     * Waits at most {@code timeout} for the drops queued so far to finish. {@link TemporaryDatabase#close()}
     * of a database made from a {@link Template} returns before the database is gone: the drop runs on
     * a background thread, so a test that looks at {@code pg_database} right after a close may still
     * see it. On an embedded cluster, closed clones may also wait, up to {@code pgfixture.deferred-drops}
     * of them, for a later drop (or for the cluster's own end); this call drops those too. Call it first;
     * afterwards every database closed before the call is dropped.
     *
     * @param timeout how long to wait at most
     * @return true when the drops are done; false on timeout, or if the thread was interrupted (its
     *         interrupt flag is then set again)
     */
    public boolean awaitDrops(Duration timeout) {
        databases.dropDeferred();
        return background.awaitDrops(timeout);
    }

    /** The server this cluster runs on or attaches to; for tests. */
    Server server() {
        return server;
    }

    void inBackground(Runnable task) {
        background.submit(task);
    }

    /** Waits until the background threads have done everything submitted so far; for tests. */
    void awaitBackgroundWork() {
        databases.dropDeferred();
        background.awaitIdle();
    }

    /** Clone requests that found none ready and waited for one in preparation; for tests. */
    long clonesWaitedFor() {
        return clones.waitedForPreparation();
    }

    /** Closed clones whose DROP waits now (see {@code pgfixture.deferred-drops}); for tests. */
    int deferredDrops() {
        return databases.deferredDrops();
    }

    /** Clones of {@code template} ready now; for tests. */
    int readyClones(String template) {
        return clones.readyCount(template);
    }

    /** True while an embedded server will outlive the JVM for kept databases; for tests. */
    boolean keepsRunningAfterExit() {
        return server instanceof EmbeddedServer embedded && embedded.isKeptRunning();
    }

    /**
     * For logs and messages; never contains the password.
     *
     * @return the server's description: embedded (version, port, data folder) or external (masked URL)
     */
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
            databases.closeAll();
        }
        // Ready clones and queued drops: an external server keeps what we leave, an embedded one does not.
        clones.close(!server.embedded());
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
}
