package io.github.pgfixture.benchmarks;

import java.util.List;

/**
 * One way of getting a fresh database for a test, using it, and getting rid of it. The runner calls
 * {@link #run} many times, each with a new database name, interleaved with the other scenarios.
 */
public interface Scenario {

    /** Short name for the report, e.g. {@code raw FILE_COPY}. */
    String name();

    /** What one run does, in words, for the report. */
    String description();

    /**
     * The names of the phases of one run, in order. {@link #run} calls {@link Laps#lap()} exactly once
     * at the end of each, so the phases add up to the run's total time.
     */
    List<String> phases();

    /** One run on a database called {@code database}, which does not exist yet and must not exist afterwards. */
    void run(String database, Laps laps) throws Exception;
}
