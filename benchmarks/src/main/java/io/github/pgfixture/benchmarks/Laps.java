package io.github.pgfixture.benchmarks;

/** A stopwatch for one run: {@link #start()}, then {@link #lap()} at the end of every phase. */
public final class Laps {

    private final long[] marks;
    private int count;

    Laps(int phases) {
        marks = new long[phases + 1];
    }

    void start() {
        count = 0;
        marks[count++] = System.nanoTime();
    }

    /** Ends the current phase and starts the next one. */
    public void lap() {
        if (count == marks.length) {
            throw new IllegalStateException("more laps than the scenario's " + (marks.length - 1) + " phases");
        }
        marks[count++] = System.nanoTime();
    }

    int phasesDone() {
        return count - 1;
    }

    long total() {
        return marks[count - 1] - marks[0];
    }

    long phase(int i) {
        return marks[i + 1] - marks[i];
    }
}
