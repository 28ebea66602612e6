package io.github.pgfixture.support;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a set of templates in parallel before a run's first test, so that no test waits for a
 * migration and the first tests of several classes do not queue behind one another's. Best effort: it
 * never throws; a cluster that cannot start, or a template that cannot be built, is logged here and left
 * for the tests that need it to report.
 */
public final class TemplatePrebuild {

    /** The prefix of the names of the threads that build. */
    public static final String THREAD_PREFIX = "pgfixture-prebuild-";

    private static final Logger LOG = LoggerFactory.getLogger(TemplatePrebuild.class);

    private TemplatePrebuild() {
    }

    /**
     * Builds the distinct {@code templates} on the shared cluster, on as many threads as there are
     * templates, at most the number of processors (and at least two).
     *
     * @param templates the templates to build
     * @param forWhat   what they are built for, for the log (e.g. {@code "suite \"all\""})
     * @return the names of the databases of the templates that were built
     */
    public static List<String> build(Collection<Template> templates, String forWhat) {
        List<String> built = new ArrayList<>();
        Collection<Template> distinct = new LinkedHashSet<>(templates);
        if (distinct.isEmpty()) {
            return built;
        }
        SharedCluster cluster;
        try {
            cluster = SharedCluster.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.info("pgfixture: the templates for {} are not pre-built; the tests that need a database will "
                    + "report why: {}", forWhat, e.getMessage());
            return built;
        }
        long start = System.nanoTime();
        int threads = Math.min(distinct.size(), Math.max(2, Runtime.getRuntime().availableProcessors()));
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Template, Future<String>> builds = new LinkedHashMap<>();
            for (Template template : distinct) {
                builds.put(template, executor.submit(() -> cluster.ensureTemplate(template)));
            }
            for (Map.Entry<Template, Future<String>> build : builds.entrySet()) {
                try {
                    built.add(build.getValue().get());
                } catch (ExecutionException e) {
                    LOG.warn("pgfixture: could not pre-build {} for {}; the tests that need it will report why: {}",
                            build.getKey(), forWhat, String.valueOf(e.getCause()));
                }
            }
            LOG.info("pgfixture: {} template(s) ready for {} in {} ms before the first test: {}", built.size(),
                    forWhat, (System.nanoTime() - start) / 1_000_000, built);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
        }
        return built;
    }
}
