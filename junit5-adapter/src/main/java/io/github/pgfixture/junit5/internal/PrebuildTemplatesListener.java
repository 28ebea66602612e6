package io.github.pgfixture.junit5.internal;

import io.github.pgfixture.Template;
import io.github.pgfixture.junit5.TempDatabase;
import io.github.pgfixture.support.AdapterSettings;
import io.github.pgfixture.support.TemplatePrebuild;
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
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

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
            AdapterSettings settings = JUnitSettings.read(testPlan.getConfigurationParameters()::get);
            if (!settings.prebuildTemplates()) {
                return;
            }
            TemplatePrebuild.build(templatesOf(classesIn(testPlan)), "the test plan");
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
}
