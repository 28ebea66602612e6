package io.github.pgfixture;

import io.github.pgfixture.internal.cluster.Admin;
import io.github.pgfixture.internal.cluster.Lease;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Clones of templates under generated names ({@code pgfixture_db_<run>_<n>}), for
 * {@link SharedCluster#temporaryClone}: one of the template's ready clones when one is there (with its
 * connection pool started), else one made on the caller's thread. Owns the {@link ReadyClones} of every
 * template in use; hands each clone to {@link OpenDatabases}, which owns it from then on. Thread-safe.
 */
final class TemplateClones {

    private final Admin admin;
    private final Lease lease;
    private final BackgroundWork background;
    private final OpenDatabases databases;
    /** {@code pgfixture.ready-clones}: at most this many per template; 0 makes every clone on demand. */
    private final int readyPerTemplate;
    private final ConcurrentHashMap<String, ReadyClones<OpenDatabases.ConnectionPool>> ready = new ConcurrentHashMap<>();

    TemplateClones(Admin admin, Lease lease, BackgroundWork background, OpenDatabases databases, int readyPerTemplate) {
        this.admin = admin;
        this.lease = lease;
        this.background = background;
        this.databases = databases;
        this.readyPerTemplate = readyPerTemplate;
    }

    /**
     * A clone of {@code template}, which the caller has built.
     *
     * @param rebuild builds the template again, for when it was dropped behind this JVM's back since it
     *                was built (e.g. by another run's {@code dropOutdatedTemplates}); run at most once
     */
    TemporaryDatabase take(String template, Runnable rebuild) {
        // A ready clone comes with its connection pool started on the preparing thread, so the test's
        // first getConnection() does not wait for HikariCP's start and the first connection.
        ReadyClones<OpenDatabases.ConnectionPool> clones = readyPerTemplate == 0 ? null
                : ready.computeIfAbsent(template, t -> new ReadyClones<>(admin, t, lease::nextDatabaseName, background,
                        readyPerTemplate, clone -> databases.startConnectionPool(clone, admin.jdbcUrl(clone))));
        ReadyClones.Ready<OpenDatabases.ConnectionPool> clone = clones == null ? null : clones.take();
        if (clone != null) {
            return databases.open(clone.name(), admin.jdbcUrl(clone.name()), true, clone.prepared());
        }
        String name = lease.nextDatabaseName();
        try {
            admin.createFromTemplate(name, template);
        } catch (TemplateNotFoundException e) {
            rebuild.run();
            admin.createFromTemplate(name, template);
        }
        return databases.open(name, admin.jdbcUrl(name), true, null);
    }

    /** Drops the ready clones of {@code template}, which is about to be dropped or was rebuilt. */
    void invalidate(String template) {
        ReadyClones<OpenDatabases.ConnectionPool> clones = ready.get(template);
        if (clones != null) {
            clones.invalidate();
        }
    }

    /** See {@link SharedCluster#clonesMadeOnDemand()}. */
    long madeOnDemand() {
        return ready.values().stream().mapToLong(ReadyClones::misses).sum();
    }

    /** Takes that found no clone ready and waited for one in preparation (not made on demand); for tests and reports. */
    long waitedForPreparation() {
        return ready.values().stream().mapToLong(ReadyClones::waits).sum();
    }

    /** Clones of {@code template} ready now; for tests. */
    int readyCount(String template) {
        ReadyClones<OpenDatabases.ConnectionPool> clones = ready.get(template);
        return clones == null ? 0 : clones.readyCount();
    }

    /** Stops preparing; drops the ready clones now when {@code dropNow}, else leaves them to the server's end. */
    void close(boolean dropNow) {
        ready.values().forEach(clones -> clones.close(dropNow));
    }
}
