package io.github.pgfixture.benchmarks;

import io.github.pgfixture.internal.server.BootSteps;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -Dbench.run=boot}: the embedded boot's data-directory step, initdb against a copy of the
 * initialised data directory, and the whole boot against zonky's, interleaved in one run so that the
 * machine's load falls on all alike. {@code bench.boots} rounds (default 10); data under
 * {@code bench.data-dir} (default /dev/shm, where pgfixture puts clusters by default).
 */
final class BootBenchmark {

    private BootBenchmark() {
    }

    public static void main(String[] args) {
        Main.runAndExit(BootBenchmark::run);
    }

    private static void run() throws Exception {
        int rounds = Integer.parseInt(System.getProperty("bench.boots", "10"));
        Path parent = Path.of(System.getProperty("bench.data-dir",
                Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir")));
        BootSteps steps = new BootSteps(parent);
        steps.boot(); // warm-up: page cache, class loading
        zonkyBoot(parent);
        long[] initdb = new long[rounds];
        long[] copy = new long[rounds];
        long[] boot = new long[rounds];
        long[] zonky = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            initdb[i] = steps.initdb();
            copy[i] = steps.copy();
            boot[i] = steps.boot();
            zonky[i] = zonkyBoot(parent);
        }
        System.out.printf("Boot steps, %d interleaved rounds, data under %s, initialised data directory %s, load %s%n",
                rounds, parent, steps.size(), MachineFacts.loadAverage());
        row("initdb (the step before)", Stats.of(initdb));
        row("copy of the initialised data directory", Stats.of(copy));
        row("pgfixture boot to ready (copy + start + first session)", Stats.of(boot));
        row("zonky EmbeddedPostgres.start()", Stats.of(zonky));
        System.out.printf("copy / initdb p50: %.2f; pgfixture boot / zonky boot p50: %.2f%n",
                Stats.of(copy).p50() / Stats.of(initdb).p50(), Stats.of(boot).p50() / Stats.of(zonky).p50());
    }

    private static long zonkyBoot(Path parent) throws Exception {
        long start = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        ZonkyClusters.likePgfixture(ZonkyClusters.newDataDirectory(parent), "100").accept(builder);
        try (EmbeddedPostgres postgres = builder.start()) {
            return System.nanoTime() - start;
        }
    }

    private static void row(String what, Stats s) {
        System.out.printf("  %-58s p50 %7.1f ms  p90 %7.1f ms  mean %7.1f ms  max %7.1f ms%n",
                what, s.p50(), s.p90(), s.mean(), s.max());
    }
}
