package io.github.pgfixture.examples.arena.support;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints, when the run ends: tests run (by outcome and engine), databases cloned, total time, and the
 * mean per-test overhead. Registered in {@code META-INF/services}.
 *
 * <p>Overhead of a test = its time from start to finish as the launcher reports it (clone, connect,
 * the test, closing its database) minus the time in its own code, which {@link TestCodeTiming}
 * measures; only Jupiter tests carry that timing. Databases cloned is
 * {@link SharedCluster#clonesCreated()}: clones the ready-clone pool prepared but nobody used count
 * too. Unlike pgfixture's own listeners this one holds state: it accumulates one run, and starts
 * over when a run starts.
 */
public final class RunSummary implements TestExecutionListener {

    /** The template all arena tests clone; as {@code @TempDatabase(flyway = "db/arena")} names it. */
    private static final String TEMPLATE_LOCATION = "db/arena";
    private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> testCode = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> engines = new ConcurrentHashMap<>();
    private final LongAdder overheadNanos = new LongAdder();
    private final LongAdder beforeNanos = new LongAdder();
    private final LongAdder afterNanos = new LongAdder();
    private final AtomicInteger timedTests = new AtomicInteger();
    private final AtomicBoolean firstClassSeen = new AtomicBoolean();
    private volatile String templateAtFirstClass = "not checked";
    private volatile long planStart;
    private volatile long firstClassStart;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        startedAt.clear();
        testCode.clear();
        outcomes.clear();
        engines.clear();
        overheadNanos.reset();
        beforeNanos.reset();
        afterNanos.reset();
        timedTests.set(0);
        firstClassSeen.set(false);
        firstClassStart = 0;
        planStart = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.getSource().filter(ClassSource.class::isInstance).isPresent() && firstClassSeen.compareAndSet(false, true)) {
            firstClassStart = System.nanoTime();
            templateAtFirstClass = templateState();
        }
        if (id.isTest()) {
            startedAt.put(id.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (entry.getKeyValuePairs().containsKey(TestCodeTiming.KEY)) {
            testCode.put(id.getUniqueId(), entry.getKeyValuePairs());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            count(outcomes, "skipped");
            count(engines, engineOf(id));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        long end = System.nanoTime();
        count(outcomes, result.getStatus().name().toLowerCase(Locale.ROOT));
        count(engines, engineOf(id));
        Long start = startedAt.remove(id.getUniqueId());
        Map<String, String> code = testCode.remove(id.getUniqueId());
        if (start != null && code != null) {
            overheadNanos.add(end - start - Long.parseLong(code.get(TestCodeTiming.KEY)));
            beforeNanos.add(Long.parseLong(code.get(TestCodeTiming.FIRST)) - start);
            afterNanos.add(end - Long.parseLong(code.get(TestCodeTiming.LAST)));
            timedTests.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        double testSeconds = (System.nanoTime() - (firstClassStart == 0 ? planStart : firstClassStart)) / 1e9;
        double jvmSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        boolean parallel = testPlan.getConfigurationParameters().getBoolean(PARALLEL).orElse(false);
        int run = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
        PrintStream out = System.out;
        out.println();
        out.println("---------------------------------------------------------------------------");
        out.printf(Locale.ROOT, "arena: tests run: %d %s, by engine %s%n", run, outcomes, engines);
        out.printf(Locale.ROOT, "arena: databases cloned: %s%n", clones());
        out.printf(Locale.ROOT, "arena: total time: %.1f s since the JVM started (PostgreSQL boot, template, "
                + "discovery), of which %.1f s running tests%n", jvmSeconds, testSeconds);
        int timed = timedTests.get();
        if (timed > 0) {
            out.printf(Locale.ROOT, "arena: mean per-test overhead: %.1f ms over %d Jupiter tests run %s (start to finish "
                    + "minus the test's own code); %.1f ms before its code (clone, pool, connection), %.1f ms after "
                    + "(closing)%n", overheadNanos.sum() / 1e6 / timed, timed, parallel ? "in parallel" : "one at a time",
                    beforeNanos.sum() / 1e6 / timed, afterNanos.sum() / 1e6 / timed);
        }
        out.printf(Locale.ROOT, "arena: template %s when the first test class started (%s)%n", templateAtFirstClass,
                "pgfixture.prebuild-templates");
        out.println("---------------------------------------------------------------------------");
        out.flush();
    }

    private static String clones() {
        try {
            SharedCluster cluster = SharedCluster.get();
            return cluster.clonesCreated() + " (" + cluster.clonesMadeOnDemand()
                    + " made on demand by tests because none was ready, the others ahead by the pool)";
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String templateState() {
        try {
            String name = Template.flyway(TEMPLATE_LOCATION).name();
            return (SharedCluster.get().databaseExists(name) ? "already built" : "not yet built") + " (" + name + ")";
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String engineOf(TestIdentifier id) {
        return UniqueId.parse(id.getUniqueId()).getEngineId().orElse("?");
    }

    private static void count(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
