package io.github.pgfixture.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One way a test suite gets a database per test. The suite benchmark runs a suite of N tests of one
 * scenario on one fixture: {@link #beforeSuite}, then {@link #test} N times, then {@link #afterSuite}.
 * Every test connects, runs {@code SELECT 1}, and hands its connection to {@link Work}, which does W ms
 * of work; what the test takes beyond that work is its overhead.
 */
interface SuiteScenario extends AutoCloseable {

    /** Short name for tables and the chart. */
    String name();

    /** What one test does, in words, for the report. */
    String description();

    /** True for the scenarios that take a second or more per test: they run fewer tests per suite. */
    default boolean slow() {
        return false;
    }

    /** Untimed: whatever a suite of this kind sets up before its first test starts. */
    default void beforeSuite(Fixture fixture, int tests) throws Exception {
    }

    /** Test {@code index} (0-based) of a suite of {@code tests} on {@code fixture}. */
    void test(Fixture fixture, int index, int tests, Work work) throws Exception;

    /**
     * Timed apart from the tests: waits for what the suite's tests left to run in the background (the
     * pool's drops), so that a throughput figure counts all the work.
     */
    default void drain(Fixture fixture) throws Exception {
    }

    /** Untimed: what the suite leaves for after its last test (zonky's provider: the databases it never drops). */
    default void afterSuite(Fixture fixture) throws Exception {
    }

    /** Data directories of the PostgreSQL servers serving this scenario right now, for the memory sampler. */
    List<Path> dataDirectories(Fixture fixture);

    /** Releases what the scenario holds across suites. */
    @Override
    default void close() throws Exception {
    }

    /** The test's own work: {@code SELECT 1} on its connection (checked), then W ms of sleep, timed. */
    final class Work {
        private final long millis;
        private long spentNanos;

        Work(long millis) {
            this.millis = millis;
        }

        void run(Connection c) throws SQLException, InterruptedException {
            Sql.selectOne(c);
            long start = System.nanoTime();
            if (millis > 0) {
                Thread.sleep(millis);
            }
            spentNanos = System.nanoTime() - start;
        }

        /** How long the sleep really took (it oversleeps a little); subtracted from the test's time. */
        long spentNanos() {
            return spentNanos;
        }
    }
}
