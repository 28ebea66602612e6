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

    /** A clone of {@code template}, building the template first if needed; dropped at the latest when the session closes. */
    public TemporaryDatabase clone(Template template) {
        ensure(template);
        TemporaryDatabase clone = cluster.temporaryDatabase(template);
        synchronized (this) {
            if (closed) {
                clone.close();
                throw new IllegalStateException("This batch session is closed; open a new one.");
            }
            clones.add(clone);
        }
        return clone;
    }

    /**
     * Builds {@code template} unless it exists, and returns its name. A template this call builds
     * belongs to the session and is dropped when the session closes.
     */
    public String ensure(Template template) {
        String name = template.name();
        boolean firstAsk;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("This batch session is closed; open a new one.");
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

    /** Names of the templates this session built and will drop. */
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
}
