package io.github.pgfixture.spring;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;

/**
 * For a test class with {@link AutoConfigureTempDatabase} (on it, a superclass or an enclosing class):
 * the customizer that gives its context pgfixture's DataSource. Registered in META-INF/spring.factories.
 */
class TempDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureTempDatabase annotation = find(testClass);
        return annotation == null ? null : new TempDatabaseContextCustomizer(TemplateAttributes.of(annotation, testClass));
    }

    static AutoConfigureTempDatabase find(Class<?> testClass) {
        return TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureTempDatabase.class);
    }
}
