package io.github.pgfixture.spring;

import io.github.pgfixture.Template;
import io.github.pgfixture.support.AdapterSettings;
import io.github.pgfixture.support.TemplatePrebuild;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds, in parallel before the first test, the templates that the {@link AutoConfigureTempDatabase}
 * attributes of the test plan's classes name. Registered in {@code META-INF/services} for JUnit's
 * launcher, which reads it only where it runs; without the launcher on the class path the file is never
 * read. Templates that only the context can tell (a {@code Template} bean, Boot's {@code spring.flyway.*}
 * or {@code spring.liquibase.*}) are left to the first context that needs them. Never fails the run:
 * {@link TemplatePrebuild} logs what it cannot build, and the tests report it.
 */
public final class PrebuildTemplatesListener implements TestExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(PrebuildTemplatesListener.class);

    /** For JUnit's launcher, which makes listeners. */
    public PrebuildTemplatesListener() {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        try {
            if (AdapterSettings.read(key -> testPlan.getConfigurationParameters().get(key).orElse(null),
                    "JUnit configuration parameter").prebuildTemplates()) {
                TemplatePrebuild.build(templatesOf(testPlan), "the Spring test classes of the test plan");
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("pgfixture: the Spring tests' templates are not pre-built ({}); each is built by the first "
                    + "context that needs it", e.toString());
        }
    }

    private static Set<Template> templatesOf(TestPlan testPlan) {
        Set<Template> templates = new LinkedHashSet<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier identifier : testPlan.getDescendants(root)) {
                if (identifier.getSource().orElse(null) instanceof ClassSource source) {
                    add(templates, source);
                }
            }
        }
        return templates;
    }

    private static void add(Set<Template> templates, ClassSource source) {
        try {
            Class<?> testClass = source.getJavaClass();
            AutoConfigureTempDatabase annotation = TempDatabaseContextCustomizerFactory.find(testClass);
            Template template = annotation == null ? null : TemplateAttributes.of(annotation, testClass).resolve();
            if (template != null) {
                templates.add(template);
            }
        } catch (RuntimeException | LinkageError e) {
            // a class that cannot be loaded, or attributes that cannot work: its test reports it in full
            LOG.debug("pgfixture: no template pre-built for {}: {}", source.getClassName(), e.toString());
        }
    }
}
