package io.github.pgfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The background work of a cluster, off the tests' path: one thread prepares clones ahead
 * ({@link #prepare}), another drops closed ones ({@link #submit}), each in the order given. A test
 * waiting for a ready clone never waits behind the drops of the tests that finished before it, and
 * drops never wait behind preparations, so they do not pile up while tests run. Two threads, not
 * more: at most one {@code CREATE DATABASE} and one {@code DROP DATABASE} at a time, because on the
 * 2-core machines tests run on more would only take CPU from the tests, and PostgreSQL serializes
 * much of {@code CREATE DATABASE} anyway (see ADR 8 for the measurements).
 */
final class BackgroundWork {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final ExecutorService preparations = singleThread("pgfixture-prepare");
    private final ExecutorService drops = singleThread("pgfixture-drop");

    /** Prepares later, on the preparing thread; after {@link #shutdown}, now, on the caller's thread. */
    void prepare(Runnable task) {
        run(preparations, task);
    }

    /** Drops (or cleans up) later, on the dropping thread; after {@link #shutdown}, now, on the caller's thread. */
    void submit(Runnable task) {
        run(drops, task);
    }

    /**
     * Stops taking work; waits up to {@code seconds} in all for what is queued (pending preparations,
     * which are no-ops once their ReadyClones are closed, and pending drops) to finish.
     */
    void shutdown(long seconds) {
        preparations.shutdown();
        drops.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        // Waited for even on an interrupted thread (the flag is set again after): else the cluster would
        // close its connections under the queued drops, and the databases would stay.
        boolean interrupted = Thread.interrupted();
        try {
            boolean finished = preparations.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            finished &= drops.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (!finished) {
                LOG.warn("Background drops did not finish within {} s; the next start removes what is left", seconds);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until everything prepared and submitted so far has run; for tests and orderly shutdown. */
    void awaitIdle() {
        CountDownLatch done = new CountDownLatch(2);
        prepare(done::countDown);
        submit(done::countDown);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits at most {@code timeout} until every drop submitted so far has run.
     *
     * @return true when they have; false on timeout, or when interrupted (the flag is set again)
     */
    boolean awaitDrops(Duration timeout) {
        CountDownLatch done = new CountDownLatch(1);
        submit(done::countDown);
        try {
            return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(ExecutorService executor, Runnable task) {
        Runnable guarded = () -> {
            try {
                Uninterrupted.run(task); // after shutdown it runs on the caller's thread, which may be interrupted
            } catch (RuntimeException e) {
                LOG.warn("Background work failed: {}", e.getMessage(), e);
            }
        };
        try {
            executor.execute(guarded);
        } catch (RejectedExecutionException shutDown) {
            guarded.run();
        }
    }

    private static ExecutorService singleThread(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
