package io.github.pgfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background work of a cluster, off the tests' path: preparing threads make clones ahead
 * ({@link #prepare}, started in the order given; two per core, at most {@link #MAX_PREPARERS}), one
 * thread drops closed ones ({@link #submit}, in the order given). A test waiting for a ready clone
 * never waits behind the drops of the tests that finished before it, and drops never wait behind
 * preparations, so they do not pile up while tests run. One preparing thread could not keep up with
 * tests running in parallel: a ready clone costs a {@code CREATE DATABASE} (which waits for two
 * checkpoints) and a first connection, and part of that is waiting, not CPU, so on a 2-core machine
 * four creators served the arena's parallel tests with half the overhead of one or two (ADR 16). One
 * dropping thread: drops are cheap next to clones, and on an embedded cluster most wait for a pause.
 * When they are dropped at last, short-lived helpers join it ({@link #onSeveralThreads}): one at a time,
 * 100 drops took about a second; on four threads they took 0.5-0.65 of that time (ADR 16).
 */
final class BackgroundWork {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    /**
     * At most this many preparing threads: each holds an admin connection while it clones, the clones
     * it makes hold one each, and more concurrent {@code CREATE DATABASE} than that mostly wait for each
     * other's checkpoints instead of finishing sooner.
     */
    static final int MAX_PREPARERS = 4;

    private static final long HELPER_KEEP_ALIVE_SECONDS = 5;

    private final int preparers;
    private final ExecutorService preparations;
    private final ScheduledThreadPoolExecutor drops = dropThread();
    private final ThreadPoolExecutor drainHelpers;
    private final Object idleLock = new Object();
    private int preparationsInFlight; // guarded by idleLock

    /** Two preparing threads per core, at most {@link #MAX_PREPARERS}. */
    BackgroundWork() {
        this(Math.max(1, Math.min(MAX_PREPARERS, 2 * Runtime.getRuntime().availableProcessors())));
    }

    /** @param preparers the number of preparing threads, at least 1 */
    BackgroundWork(int preparers) {
        if (preparers < 1) {
            throw new IllegalArgumentException("preparers must be at least 1, not " + preparers);
        }
        this.preparers = preparers;
        this.preparations = threads("pgfixture-prepare", preparers);
        this.drainHelpers = helpers("pgfixture-drop", drainers() - 1);
    }

    /** The number of preparing threads: how many clones are made ahead at once. */
    int preparers() {
        return preparers;
    }

    /**
     * How many threads work off a drain at once ({@link #onSeveralThreads}): the dropping thread and as many
     * helpers as there are preparing threads less one, so at most {@link #MAX_PREPARERS}. Each holds an admin
     * connection while it drops; the drain runs when the suite pauses, on {@code awaitDrops} or when the
     * server is to outlive the JVM, when the preparing threads need few.
     */
    int drainers() {
        return preparers;
    }

    /**
     * Runs {@code worker} on the calling thread and at once on up to {@code copies - 1} helper threads (at
     * most {@code drainers() - 1}), and returns once every copy has returned. Each copy takes its work from
     * one shared queue until that is empty, so the queue is worked off on several sessions at once. A copy
     * that throws is logged (WARN) and the others go on. After {@link #shutdown} no helper starts: the
     * caller's copy does all. Helper threads end after {@link #HELPER_KEEP_ALIVE_SECONDS} idle. For the
     * drain of deferred drops, on the dropping thread (after shutdown, on the caller's).
     */
    void onSeveralThreads(Runnable worker, int copies) {
        int helpers = Math.max(0, Math.min(copies, drainers()) - 1);
        CountDownLatch done = new CountDownLatch(helpers);
        for (int i = 0; i < helpers; i++) {
            try {
                drainHelpers.execute(() -> {
                    try {
                        guarded(worker).run();
                    } finally {
                        done.countDown();
                    }
                });
            } catch (RejectedExecutionException shutDown) {
                done.countDown();
            }
        }
        try {
            guarded(worker).run();
        } finally {
            awaitUninterruptibly(done);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prepares later, on the preparing thread; after {@link #shutdown}, now, on the caller's thread. */
    void prepare(Runnable task) {
        synchronized (idleLock) {
            preparationsInFlight++;
        }
        run(preparations, () -> {
            try {
                task.run();
            } finally {
                synchronized (idleLock) {
                    preparationsInFlight--;
                    idleLock.notifyAll();
                }
            }
        });
    }

    /** Drops (or cleans up) later, on the dropping thread; after {@link #shutdown}, now, on the caller's thread. */
    void submit(Runnable task) {
        run(drops, task);
    }

    /**
     * Runs {@code task} on the dropping thread after {@code millis}, unless this has been shut down by
     * then (a task still waiting at {@link #shutdown} never runs).
     */
    void submitLater(Runnable task, long millis) {
        try {
            drops.schedule(() -> {
                try {
                    Uninterrupted.run(task);
                } catch (RuntimeException e) {
                    LOG.warn("Background work failed: {}", e.getMessage(), e);
                }
            }, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            // shutting down: nothing is waited for any more
        }
    }

    /** True once {@link #shutdown} has begun. */
    boolean stopping() {
        return drops.isShutdown();
    }

    /**
     * Stops taking work; waits up to {@code seconds} in all for what is queued (pending preparations,
     * which are no-ops once their ReadyClones are closed, and pending drops) to finish.
     */
    void shutdown(long seconds) {
        preparations.shutdown();
        drops.shutdown();
        drainHelpers.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        // Waited for even on an interrupted thread (the flag is set again after): else the cluster would
        // close its connections under the queued drops, and the databases would stay.
        boolean interrupted = Thread.interrupted();
        try {
            boolean finished = preparations.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            finished &= drops.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            finished &= drainHelpers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
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

    /**
     * Waits until everything prepared and submitted so far has run (and the preparations queued by
     * those meanwhile); for tests and orderly shutdown.
     */
    void awaitIdle() {
        CountDownLatch dropsDone = new CountDownLatch(1);
        submit(dropsDone::countDown);
        try {
            synchronized (idleLock) {
                while (preparationsInFlight > 0) {
                    idleLock.wait();
                }
            }
            dropsDone.await();
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
        Runnable guarded = guarded(task);
        try {
            executor.execute(guarded);
        } catch (RejectedExecutionException shutDown) {
            guarded.run();
        }
    }

    /** {@code task} with the interrupt flag cleared (see {@link Uninterrupted}), its failure logged, not thrown. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                Uninterrupted.run(task); // after shutdown it runs on the caller's thread, which may be interrupted
            } catch (RuntimeException e) {
                LOG.warn("Background work failed: {}", e.getMessage(), e);
            }
        };
    }

    /** One thread, immediate tasks in the order given; delayed ones are dropped at shutdown. */
    private static ScheduledThreadPoolExecutor dropThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "pgfixture-drop");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * {@code count} threads (at least one) made when needed, ending after {@link #HELPER_KEEP_ALIVE_SECONDS}
     * idle; tasks wait in order while all are busy. Named after the dropping thread they help, from 2 on.
     */
    private static ThreadPoolExecutor helpers(String name, int count) {
        AtomicInteger made = new AtomicInteger(1);
        int size = Math.max(1, count);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, HELPER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name + "-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static ExecutorService threads(String name, int count) {
        AtomicInteger made = new AtomicInteger();
        return new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            int n = made.incrementAndGet();
            Thread thread = new Thread(runnable, count == 1 ? name : name + "-" + n);
            thread.setDaemon(true);
            return thread;
        });
    }
}
