package io.github.pgfixture;

import io.github.pgfixture.internal.cluster.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Clones of one template, created ahead of demand by the {@link BackgroundWork} preparing thread (which
 * never waits behind drops) so that a test gets a database without waiting for {@code CREATE DATABASE}.
 *
 * <p>It starts with a target of one ready clone per preparing thread; every miss ({@link #take()}
 * found none ready) raises the target by one, up to {@code max}: it grows to the demand that parallel
 * tests show. A
 * name leaves the queue once, so a clone is never handed out twice. {@link #invalidate()} (after the
 * template was rebuilt or dropped) and {@link #close()} drop every ready clone.
 *
 * <p>After creating a clone, the preparing thread also runs {@code prepare} on it (the caller makes
 * the clone's connection pool there, so that the test does not wait for its first connection) and
 * hands the result out with the name. A failing {@code prepare} is logged and the clone is handed out
 * without it. A prepared resource that is never handed out (invalidated, closed, stale) is closed
 * before its clone is dropped.
 *
 * @param <P> what {@code prepare} makes for a clone; owned by whoever takes the clone
 */
final class ReadyClones<P extends AutoCloseable> {

    /** A ready clone: its name, and what {@code prepare} made for it (null if that failed). */
    record Ready<P>(String name, P prepared) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReadyClones.class);

    private final Admin admin;
    private final String template;
    private final Supplier<String> names;
    private final BackgroundWork work;
    private final int max;
    private final Function<String, P> prepare;
    private final ConcurrentLinkedDeque<Ready<P>> ready = new ConcurrentLinkedDeque<>();
    private final LongAdder misses = new LongAdder();
    private final LongAdder waited = new LongAdder();
    private int target; // guarded by this
    private int pending; // guarded by this
    private int waiting; // callers of take() waiting for a clone in preparation; guarded by this
    private int generation; // guarded by this
    private boolean closed; // guarded by this

    ReadyClones(Admin admin, String template, Supplier<String> names, BackgroundWork work, int max,
                     Function<String, P> prepare) {
        this.admin = admin;
        this.template = template;
        this.names = names;
        this.work = work;
        this.max = max;
        this.prepare = prepare;
        this.target = Math.min(max, work.preparers()); // every preparing thread has work from the start
    }

    /**
     * A ready clone, now the caller's (with what was prepared for it); or null, and the caller creates one
     * itself. When none is ready but more clones are being prepared than callers already wait for, waits
     * for one of them (at most {@link #WAIT_MILLIS}): the clone in preparation is ready sooner than one the
     * caller would start now, which would also take CPU from it.
     */
    Ready<P> take() {
        Ready<P> clone = ready.pollFirst();
        synchronized (this) {
            if (clone == null && target < max) {
                target++;
            }
            refill();
            if (clone == null) {
                clone = awaitOneInPreparation();
            }
        }
        if (clone == null) {
            misses.increment();
        }
        return clone;
    }

    /** How long {@link #take()} waits at most for a clone in preparation before the caller makes its own. */
    static final long WAIT_MILLIS = 2_000;

    private Ready<P> awaitOneInPreparation() { // guarded by this
        if (pending <= waiting) {
            return null;
        }
        waiting++;
        waited.increment();
        int forGeneration = generation;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        try {
            while (true) {
                Ready<P> clone = ready.pollFirst();
                if (clone != null) {
                    return clone;
                }
                long left = deadline - System.nanoTime();
                if (isStale(forGeneration) || pending == 0 || left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            waiting--;
        }
    }

    /** Calls of {@link #take()} that found no clone ready and waited for one in preparation, so far. */
    long waits() {
        return waited.sum();
    }

    /** Calls of {@link #take()} that found no clone ready, so far: clones the callers made themselves. */
    long misses() {
        return misses.sum();
    }

    /** Number of clones ready now. */
    int readyCount() {
        return ready.size();
    }

    /** Drops the ready clones: the template they came from is gone or was rebuilt. */
    void invalidate() {
        List<Ready<P>> stale;
        synchronized (this) {
            generation++;
            stale = drain();
            notifyAll(); // waiting callers make their own (of the new template) rather than wait for stale ones
        }
        stale.forEach(clone -> work.submit(() -> discard(clone.name(), clone.prepared())));
    }

    /**
     * Stops refilling and drops the ready clones, here and now when {@code dropNow}, else not at all
     * (an embedded cluster about to stop takes them with it); also on an interrupted thread, whose
     * flag is set again afterwards.
     */
    void close(boolean dropNow) {
        Uninterrupted.run(() -> closeNow(dropNow));
    }

    private void closeNow(boolean dropNow) {
        List<Ready<P>> left;
        synchronized (this) {
            closed = true;
            left = drain();
            notifyAll();
        }
        for (Ready<P> clone : left) {
            if (!dropNow) {
                closeQuietly(clone.name(), clone.prepared());
                continue;
            }
            try {
                discard(clone.name(), clone.prepared());
            } catch (RuntimeException e) {
                LOG.warn("Could not drop the ready clone \"{}\": {}", clone.name(), e.getMessage());
            }
        }
    }

    private boolean isStale(int forGeneration) { // guarded by this
        return closed || forGeneration != generation;
    }

    private List<Ready<P>> drain() {
        List<Ready<P>> clones = new ArrayList<>();
        for (Ready<P> clone; (clone = ready.pollFirst()) != null; ) {
            clones.add(clone);
        }
        return clones;
    }

    private void discard(String name, P prepared) {
        closeQuietly(name, prepared);
        admin.forceDropIfExists(name);
    }

    private static void closeQuietly(String name, AutoCloseable prepared) {
        if (prepared == null) {
            return;
        }
        try {
            prepared.close();
        } catch (Exception e) {
            LOG.warn("Could not close what was prepared for the ready clone \"{}\": {}", name, e.getMessage());
        }
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
                notifyAll();
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
        P prepared = null;
        if (created) {
            try {
                prepared = prepare.apply(name);
            } catch (RuntimeException e) {
                LOG.warn("Preparing the ready clone \"{}\" failed (it is handed out without): {}", name, e.getMessage());
            }
        }
        boolean keep;
        synchronized (this) {
            pending--;
            keep = created && !isStale(forGeneration);
            if (keep) {
                ready.addLast(new Ready<>(name, prepared));
            }
            notifyAll(); // a waiting caller takes it, or stops waiting for a preparation that failed
        }
        if (created && !keep) {
            discard(name, prepared);
        }
    }
}
