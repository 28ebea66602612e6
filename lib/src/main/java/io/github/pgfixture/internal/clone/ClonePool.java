package io.github.pgfixture.internal.clone;

import io.github.pgfixture.internal.cluster.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Clones of one template, created ahead of demand by the {@link BackgroundWork} preparing thread (which
 * never waits behind drops) so that a test gets a database without waiting for {@code CREATE DATABASE}.
 *
 * <p>The pool starts with a target of one ready clone; every miss ({@link #take()} found none ready)
 * raises the target by one, up to {@code max}: it grows to the demand that parallel tests show. A
 * name leaves the queue once, so a clone is never handed out twice. {@link #invalidate()} (after the
 * template was rebuilt or dropped) and {@link #close()} drop every ready clone.
 */
public final class ClonePool {

    private static final Logger LOG = LoggerFactory.getLogger(ClonePool.class);

    private final Admin admin;
    private final String template;
    private final Supplier<String> names;
    private final BackgroundWork work;
    private final int max;
    private final ConcurrentLinkedDeque<String> ready = new ConcurrentLinkedDeque<>();
    private final LongAdder misses = new LongAdder();
    private int target = 1; // guarded by this
    private int pending; // guarded by this
    private int generation; // guarded by this
    private boolean closed; // guarded by this

    public ClonePool(Admin admin, String template, Supplier<String> names, BackgroundWork work, int max) {
        this.admin = admin;
        this.template = template;
        this.names = names;
        this.work = work;
        this.max = max;
    }

    /** The name of a ready clone, now the caller's; or null, and the caller creates one itself. */
    public String take() {
        String name = ready.pollFirst();
        if (name == null) {
            misses.increment();
        }
        synchronized (this) {
            if (name == null && target < max) {
                target++;
            }
            refill();
        }
        return name;
    }

    /** Calls of {@link #take()} that found no clone ready, so far: clones the callers made themselves. */
    public long misses() {
        return misses.sum();
    }

    /** Number of clones ready now. */
    public int readyCount() {
        return ready.size();
    }

    /** Drops the ready clones: the template they came from is gone or was rebuilt. */
    public void invalidate() {
        List<String> stale;
        synchronized (this) {
            generation++;
            stale = drain();
        }
        stale.forEach(name -> work.submit(() -> admin.forceDropIfExists(name)));
    }

    /**
     * Stops refilling and drops the ready clones, here and now when {@code dropNow}, else not at all
     * (an embedded cluster about to stop takes them with it).
     */
    public void close(boolean dropNow) {
        List<String> left;
        synchronized (this) {
            closed = true;
            left = drain();
        }
        if (dropNow) {
            for (String name : left) {
                try {
                    admin.forceDropIfExists(name);
                } catch (RuntimeException e) {
                    LOG.warn("Could not drop the ready clone \"{}\": {}", name, e.getMessage());
                }
            }
        }
    }

    private boolean isStale(int forGeneration) { // guarded by this
        return closed || forGeneration != generation;
    }

    private List<String> drain() {
        List<String> names = new ArrayList<>();
        for (String name; (name = ready.pollFirst()) != null; ) {
            names.add(name);
        }
        return names;
    }

    private void refill() {
        while (!closed && ready.size() + pending < target) {
            pending++;
            int forGeneration = generation;
            work.prepare(() -> create(forGeneration));
        }
    }

    private void create(int forGeneration) {
        synchronized (this) {
            if (isStale(forGeneration)) { // the template was dropped or rebuilt while this waited its turn
                pending--;
                return;
            }
        }
        String name = names.get();
        boolean created = false;
        try {
            admin.createFromTemplate(name, template);
            created = true;
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!isStale(forGeneration)) {
                    LOG.warn("Preparing a clone of \"{}\" ahead failed (tests create their own meanwhile): {}",
                            template, e.getMessage());
                }
            }
        }
        boolean keep;
        synchronized (this) {
            pending--;
            keep = created && !isStale(forGeneration);
            if (keep) {
                ready.addLast(name);
            }
        }
        if (created && !keep) {
            admin.forceDropIfExists(name);
        }
    }
}
