package io.github.pgfixture.junit5.internal;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.junit5.TempDatabase;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds every template the test plan needs, in parallel, before the first test starts, so that no
 * test waits for a migration and templates that several test classes share are not built while
 * tests queue up behind them. Registered in {@code META-INF/services}, so the launcher loads it
 * whenever the adapter is on the test class path.
 *
 * <p>It looks at the classes in the plan (after filters) for {@link TempDatabase} on fields and on
 * methods' parameters (with the class-level default where they name no template). It never fails the run: a template that cannot be built is
 * logged here and reported by the tests that need it; when PostgreSQL cannot start, the tests report
 * that. {@link TempDatabase#PREBUILD_TEMPLATES} {@code = false} turns it off.
 */
public final class PrebuildTemplatesListener implements TestExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(TempDatabase.class);

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        try {
            AdapterSettings settings = AdapterSettings.read(testPlan.getConfigurationParameters()::get);
            if (!settings.prebuildTemplates()) {
                return;
            }
            Set<Template> templates = templatesOf(classesIn(testPlan));
            if (!templates.isEmpty()) {
                build(templates);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("pgfixture: templates are not pre-built ({}); each is built by the first test that needs it",
                    e.toString());
        }
    }

    private static Set<Class<?>> classesIn(TestPlan testPlan) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier identifier : testPlan.getDescendants(root)) {
                Optional<TestSource> source = identifier.getSource();
                try {
                    if (source.isPresent() && source.get() instanceof ClassSource) {
                        classes.add(((ClassSource) source.get()).getJavaClass());
                    } else if (source.isPresent() && source.get() instanceof MethodSource) {
                        classes.add(((MethodSource) source.get()).getJavaClass());
                    }
                } catch (RuntimeException | LinkageError e) {
                    LOG.debug("pgfixture: skipping {} while looking for templates: {}", identifier.getUniqueId(), e.toString());
                }
            }
        }
        return classes;
    }

    /** The distinct templates that {@link TempDatabase} on {@code classes} asks for, in order of appearance. */
    static Set<Template> templatesOf(Set<Class<?>> classes) {
        Set<Template> templates = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            try {
                for (Field field : AnnotationSupport.findAnnotatedFields(type, TempDatabase.class, f -> true)) {
                    AnnotationSupport.findAnnotation(field, TempDatabase.class)
                            .ifPresent(a -> add(templates, a, type, "@TempDatabase field " + field.getName()));
                }
                for (Method method : ReflectionSupport.findMethods(type, m -> m.getParameterCount() > 0,
                        HierarchyTraversalMode.TOP_DOWN)) {
                    for (Parameter parameter : method.getParameters()) {
                        AnnotationSupport.findAnnotation(parameter, TempDatabase.class)
                                .ifPresent(a -> add(templates, a, type, "@TempDatabase parameter of " + method.getName()));
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("pgfixture: skipping {} while looking for templates: {}", type.getName(), e.toString());
            }
        }
        return templates;
    }

    private static void add(Set<Template> templates, TempDatabase annotation, Class<?> type, String where) {
        try {
            templates.add(TemplateResolution.resolve(annotation, type, where));
        } catch (IllegalArgumentException e) {
            // a configuration error: the test that has it reports it with all the detail
        }
    }

    private static void build(Set<Template> templates) {
        SharedCluster cluster;
        try {
            cluster = SharedCluster.get();
        } catch (PgFixtureException e) {
            LOG.info("pgfixture: templates are not pre-built: {}", e.getMessage());
            return;
        }
        long start = System.nanoTime();
        int threads = Math.min(templates.size(), Math.max(2, Runtime.getRuntime().availableProcessors()));
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "pgfixture-prebuild-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Template, Future<String>> builds = new LinkedHashMap<>();
            for (Template template : templates) {
                builds.put(template, executor.submit(() -> cluster.ensureTemplate(template)));
            }
            List<String> built = new ArrayList<>();
            for (Map.Entry<Template, Future<String>> build : builds.entrySet()) {
                try {
                    built.add(build.getValue().get());
                } catch (ExecutionException e) {
                    LOG.warn("pgfixture: could not pre-build {}; the tests that need it will report why: {}",
                            build.getKey(), String.valueOf(e.getCause()));
                }
            }
            LOG.info("pgfixture: {} template(s) ready in {} ms before the first test: {}", built.size(),
                    (System.nanoTime() - start) / 1_000_000, built);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
        }
    }
}
