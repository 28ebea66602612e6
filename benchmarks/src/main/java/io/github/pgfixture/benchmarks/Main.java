package io.github.pgfixture.benchmarks;

/**
 * The program {@code exec:exec} starts: {@code -Dbench.run=suite} (the default) runs
 * {@link SuiteBenchmark}, {@code -Dbench.run=clone} runs {@link CloneBenchmark}, {@code -Dbench.run=boot}
 * runs {@link BootBenchmark}, {@code -Dbench.run=parallel} runs {@link ParallelBenchmark},
 * {@code -Dbench.run=warm} runs {@link WarmBenchmark}, {@code -Dbench.run=spring} runs {@link SpringBenchmark},
 * {@code -Dbench.run=login} runs {@link LoginBenchmark}, {@code -Dbench.run=first-connection} runs
 * {@link FirstConnectionBenchmark}.
 */
public final class Main {

    private Main() {
    }

    /** A benchmark's body: throws IllegalArgumentException for a bad setting. */
    interface Program {
        void run() throws Exception;
    }

    /**
     * Runs {@code program} and exits the JVM (0, 1 for a failure, 2 for a bad setting), so that shutdown
     * hooks stop the clusters and no stray thread keeps the JVM alive.
     */
    static void runAndExit(Program program) {
        int status;
        try {
            program.run();
            status = 0;
        } catch (IllegalArgumentException e) {
            System.err.println("pgfixture benchmark: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("pgfixture benchmark failed:");
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    public static void main(String[] args) {
        String run = System.getProperty("bench.run", "suite").trim();
        switch (run) {
            case "suite", "" -> SuiteBenchmark.main(args);
            case "clone" -> CloneBenchmark.main(args);
            case "boot" -> BootBenchmark.main(args);
            case "parallel" -> ParallelBenchmark.main(args);
            case "warm" -> WarmBenchmark.main(args);
            case "spring" -> SpringBenchmark.main(args);
            case "login" -> LoginBenchmark.main(args);
            case "first-connection" -> FirstConnectionBenchmark.main(args);
            default -> {
                System.err.println("pgfixture benchmark: -Dbench.run=" + run + " is none of suite, clone, boot, parallel, warm, spring, login, first-connection.");
                System.exit(2);
            }
        }
    }
}
