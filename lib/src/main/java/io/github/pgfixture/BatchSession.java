package io.github.pgfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch of work outside tests, such as an evaluation run of many cases each against its own
 * clone, that must leave nothing behind: every clone it handed out and every template it built
 * are dropped when it closes, even if a case failed.
 *
 * <pre>{@code
 * try (BatchSession batch = SharedCluster.get().openBatchSession()) {
 *     for (Case c : cases) {
 *         try (TemporaryDatabase db = batch.clone(SCHEMA)) {
 *             evaluate(c, db.dataSource());
 *         }
 *     }
 * }   // clones and the template are gone, whatever happened
 * }</pre>
 *
 * <p>A template that already existed when the session first asked for it belongs to someone else
 * (another run, or an earlier one reusing it on purpose) and is kept. Thread-safe: cases may run in
 * parallel on one session.
 */
public final class BatchSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSession.class);

    private final SharedCluster cluster;
    private final Set<String> ownTemplates = new LinkedHashSet<>(); // guarded by this
    private final Set<String> knownTemplates = new LinkedHashSet<>(); // guarded by this
    private final List<TemporaryDatabase> clones = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    BatchSession(SharedCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * A clone of {@code template} under a generated name, building the template first if needed (as
     * {@link SharedCluster#temporaryClone}); dropped when the caller closes it, and at the latest when
     * the session closes.
     *
     * @param template the definition to clone; a template this call builds belongs to the session
     * @return the clone, the caller's to use and to close
     * @throws PgFixtureException if the session is closed (a clone made meanwhile is dropped again), or
     *                            the template cannot be built or cloned
     */
    public TemporaryDatabase clone(Template template) {
        ensure(template);
        TemporaryDatabase clone = cluster.temporaryClone(template);
        synchronized (this) {
            if (closed) {
                clone.close();
                throw closed();
            }
            clones.add(clone);
        }
        return clone;
    }

    /**
     * Builds {@code template} unless it exists, and returns its name. A template this call builds
     * belongs to the session and is dropped when the session closes; one that existed before the
     * session first asked for it is left alone.
     *
     * @param template the definition to build
     * @return the template database's name, {@link Template#name()}
     * @throws PgFixtureException if the session is closed, or the template cannot be built (its setup's
     *                            exception is the cause)
     */
    public String ensure(Template template) {
        String name = template.name();
        boolean firstAsk;
        synchronized (this) {
            if (closed) {
                throw closed();
            }
            firstAsk = knownTemplates.add(name);
        }
        if (firstAsk) {
            boolean existed = cluster.databaseExists(name);
            cluster.ensureTemplate(template);
            if (!existed) {
                synchronized (this) {
                    ownTemplates.add(name);
                }
            }
        } else {
            cluster.ensureTemplate(template);
        }
        return name;
    }

    /**
     * The templates this session built and will drop when it closes.
     *
     * @return their names, a snapshot that later builds do not change
     */
    public synchronized Set<String> ownedTemplates() {
        return Set.copyOf(ownTemplates);
    }

    /** Closes every clone (they drop) and force-drops the templates the session built. Never throws. */
    @Override
    public void close() {
        List<TemporaryDatabase> toClose;
        List<String> toDrop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(clones);
            toDrop = new ArrayList<>(ownTemplates);
        }
        toClose.forEach(TemporaryDatabase::close);
        for (String template : toDrop) {
            try {
                if (cluster.databaseExists(template)) {
                    cluster.forceDropDatabase(template);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not drop template \"{}\" at the end of a batch session: {}", template, e.getMessage(), e);
            }
        }
        LOG.info("Batch session closed: {} clone(s) and {} template(s) dropped", toClose.size(), toDrop.size());
    }

    private static PgFixtureException closed() {
        return new PgFixtureException("This batch session is closed: it has dropped its clones and templates. "
                + "Open a new one with SharedCluster.openBatchSession().");
    }
}
