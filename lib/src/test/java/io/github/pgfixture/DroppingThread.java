package io.github.pgfixture;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster's dropping thread, seen from tests. */
final class DroppingThread {

    private DroppingThread() {
    }

    /** Waits until the dropping thread has run everything queued so far, without dropping what is deferred. */
    static void hasRun(SharedCluster cluster) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        cluster.inBackground(done::countDown);
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
