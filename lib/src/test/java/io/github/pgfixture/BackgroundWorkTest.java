package io.github.pgfixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** When the background threads run preparations and drops (plain tasks stand for them). */
class BackgroundWorkTest {

    @Test
    void prepare_queuedAfterManyDrops_runsWhileTheyWait_andTheDropsStillRunInOrder() throws Exception {
        BackgroundWork work = new BackgroundWork();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = blockTheDrops(work);
        List<String> drops = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String drop = "drop " + i;
            drops.add(drop);
            work.submit(() -> ran.add(drop));
        }
        CountDownLatch prepared = new CountDownLatch(1);
        work.prepare(prepared::countDown);

        // the dropping thread is still held: the preparation did not wait for the 50 drops queued before it
        assertThat(prepared.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isEmpty();

        release.countDown();
        work.awaitIdle();
        work.shutdown(10);
        assertThat(ran).containsExactlyElementsOf(drops);
    }

    /** On an interrupted thread too: else the cluster would close its connections under the queued drops. */
    @ParameterizedTest(name = "interrupted: {0}")
    @ValueSource(booleans = {false, true})
    void shutdown_withDropsQueued_runsThemAllBeforeReturning_andKeepsTheInterruptFlag(boolean interrupted)
            throws Exception {
        BackgroundWork work = new BackgroundWork();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = blockTheDrops(work);
        queueDrops(work, ran, 20);
        new Thread(() -> {
            sleep(200);
            release.countDown();
        }).start();

        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        work.shutdown(30);

        assertThat(Thread.interrupted()).isEqualTo(interrupted);
        assertThat(ran).hasSize(20);
    }

    @Test
    void submit_afterShutdown_runsOnTheCallersThread() {
        BackgroundWork work = new BackgroundWork();
        work.shutdown(10);
        List<Thread> ranOn = new ArrayList<>();

        work.submit(() -> ranOn.add(Thread.currentThread()));

        assertThat(ranOn).containsExactly(Thread.currentThread());
    }

    @Test
    void submit_afterShutdown_onAnInterruptedThread_runsTheDropWithoutTheFlag_andSetsItAgain() {
        BackgroundWork work = new BackgroundWork();
        work.shutdown(10);
        List<Boolean> interruptedWhileRunning = new ArrayList<>();

        Thread.currentThread().interrupt();
        work.submit(() -> interruptedWhileRunning.add(Thread.currentThread().isInterrupted()));

        assertThat(Thread.interrupted()).as("the flag, set again").isTrue();
        assertThat(interruptedWhileRunning).containsExactly(false);
    }

    /** Queues {@code count} drops that record themselves in {@code ran}. */
    private static void queueDrops(BackgroundWork work, List<String> ran, int count) {
        for (int i = 0; i < count; i++) {
            String drop = "drop " + i;
            work.submit(() -> ran.add(drop));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void submit_aFailingTask_doesNotStopTheTasksAfterIt() {
        BackgroundWork work = new BackgroundWork();
        List<String> ran = new CopyOnWriteArrayList<>();
        work.submit(() -> {
            throw new IllegalStateException("drop failed");
        });
        work.submit(() -> ran.add("next"));
        work.awaitIdle();
        work.shutdown(10);

        assertThat(ran).containsExactly("next");
    }

    @Test
    void prepare_twoPreparers_runTwoPreparationsAtOnce() throws Exception {
        BackgroundWork work = new BackgroundWork(2);
        CountDownLatch bothRunning = new CountDownLatch(2);
        List<Boolean> sawTheOther = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            work.prepare(() -> {
                bothRunning.countDown();
                try {
                    sawTheOther.add(bothRunning.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        work.awaitIdle();
        work.shutdown(10);

        assertThat(sawTheOther).containsExactly(true, true);
    }

    @Test
    void awaitIdle_severalPreparers_waitsForEveryPreparationQueuedBefore() {
        BackgroundWork work = new BackgroundWork(3);
        List<String> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 12; i++) {
            String preparation = "prepare " + i;
            work.prepare(() -> {
                sleep(20);
                ran.add(preparation);
            });
        }
        work.awaitIdle();

        assertThat(ran).hasSize(12);
        work.shutdown(10);
    }

    @Test
    void constructor_noPreparer_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BackgroundWork(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preparers");
    }

    /** Occupies the dropping thread until the returned latch is released, so that what follows queues up. */
    private static CountDownLatch blockTheDrops(BackgroundWork work) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        work.submit(() -> {
            running.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void onSeveralThreads_runsTheWorkerOnAsManyThreadsAtOnceAsThereArePreparers_andReturnsAfterEveryCopy() {
        BackgroundWork work = new BackgroundWork(4);
        CountDownLatch allRunning = new CountDownLatch(4);
        List<Boolean> sawTheOthers = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger finished = new AtomicInteger();

        work.onSeveralThreads(() -> {
            threads.add(Thread.currentThread().getName());
            allRunning.countDown();
            try {
                sawTheOthers.add(allRunning.await(30, TimeUnit.SECONDS)); // true only if all four run at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        }, 100);

        assertThat(finished).as("every copy had returned").hasValue(4);
        assertThat(sawTheOthers).containsExactly(true, true, true, true);
        assertThat(threads).doesNotHaveDuplicates().contains(Thread.currentThread().getName());
        work.shutdown(10);
    }

    @Test
    void onSeveralThreads_withLessWorkThanThreads_runsOnlyAsManyCopies_andAfterShutdownOnlyOnTheCaller() {
        BackgroundWork work = new BackgroundWork(4);
        List<Thread> ranOn = new CopyOnWriteArrayList<>();

        work.onSeveralThreads(() -> ranOn.add(Thread.currentThread()), 2);
        assertThat(ranOn).hasSize(2).contains(Thread.currentThread());

        ranOn.clear();
        work.shutdown(10);
        work.onSeveralThreads(() -> ranOn.add(Thread.currentThread()), 100);
        assertThat(ranOn).containsExactly(Thread.currentThread());
    }

    @Test
    void onSeveralThreads_aCopyThatFails_isLogged_andTheOthersFinish() {
        BackgroundWork work = new BackgroundWork(2);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger copies = new AtomicInteger();

        work.onSeveralThreads(() -> {
            if (copies.incrementAndGet() == 1) {
                throw new IllegalStateException("one copy failed");
            }
            finished.incrementAndGet();
        }, 2);

        assertThat(finished).hasValue(1);
        work.shutdown(10);
    }
}
