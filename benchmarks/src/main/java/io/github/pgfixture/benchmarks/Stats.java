package io.github.pgfixture.benchmarks;

import java.util.Arrays;

/** Summary of a sample of durations, in milliseconds. Percentiles by nearest rank. */
record Stats(int n, double p50, double p90, double max, double mean) {

    static Stats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Stats(sorted.length, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.90)),
                ms(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
