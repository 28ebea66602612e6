package io.github.pgfixture.internal.clone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one background thread of a cluster that prepares clones ahead and drops closed ones, off the
 * tests' path. One thread: on the 2-core machines tests run on, more would only take CPU from tests,
 * and PostgreSQL serializes much of CREATE/DROP DATABASE anyway.
 */
public final class BackgroundWork {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "pgfixture-background");
                thread.setDaemon(true);
                return thread;
            });

    /** Runs {@code task} later; after {@link #shutdown} runs it now, on the caller's thread. */
    public void submit(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Background work failed: {}", e.getMessage(), e);
            }
        };
        try {
            executor.execute(guarded);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            guarded.run();
        }
    }

    /** Stops taking work; waits up to {@code seconds} for what is queued (pending drops) to finish. */
    public void shutdown(long seconds) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(seconds, TimeUnit.SECONDS)) {
                LOG.warn("Background drops did not finish within {} s; the next start removes what is left", seconds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until everything submitted so far has run; for tests and orderly shutdown. */
    public void awaitIdle() {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        submit(done::countDown);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
