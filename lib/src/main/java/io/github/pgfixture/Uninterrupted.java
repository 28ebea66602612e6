package io.github.pgfixture;

/**
 * Runs cleanup that must finish whatever the calling thread's interrupt status. A thread whose
 * interrupt flag is set (JUnit's timeouts and {@code ExecutorService.shutdownNow} set it) cannot
 * borrow a pooled connection or wait for anything: HikariCP fails at once with "Interrupted during
 * connection acquisition", and a drop would be skipped, leaking the database. So the flag is cleared
 * for the duration and set again afterwards, for the caller to act on as it would have.
 */
final class Uninterrupted {

    private Uninterrupted() {
    }

    /** Runs {@code work} with the interrupt flag cleared; sets it again afterwards if it was set. */
    static void run(Runnable work) {
        boolean interrupted = Thread.interrupted();
        try {
            work.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
