package io.github.pgfixture.spring;

import io.github.pgfixture.Template;
import io.github.pgfixture.support.AdapterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.Map;

/**
 * Gives the context pgfixture's DataSource ({@link CloneDataSource}) before it is refreshed: registers
 * it as the primary DataSource bean, stops Boot from replacing it or adding its own, replaces every
 * other DataSource bean by it and keeps Boot's start-up migrations from running on the clones.
 */
final class TempDatabaseContextCustomizer implements ContextCustomizer {

    private static final Logger LOG = LoggerFactory.getLogger(TempDatabaseContextCustomizer.class);

    private final TemplateAttributes attributes;

    TempDatabaseContextCustomizer(TemplateAttributes attributes) {
        this.attributes = attributes;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ConfigurableEnvironment environment = context.getEnvironment();
        // Boot's @DataJpaTest, @JdbcTest and @DataJdbcTest would replace the DataSource with an embedded one.
        environment.getPropertySources().addFirst(new MapPropertySource("pgfixture",
                Map.of("spring.test.database.replace", "none")));
        Template named = attributes.resolve();
        AdapterSettings settings = AdapterSettings.read(environment::getProperty, "Spring property");
        String testClass = mergedConfig.getTestClass().getName();

        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
            throw new IllegalStateException("@AutoConfigureTempDatabase needs a context whose bean factory takes bean "
                    + "definitions; " + context.getClass().getName() + " has " + beanFactory.getClass().getName());
        }
        // The template: the annotation's; else a Template bean of the test's configuration; else Boot's
        // migrations. Chosen when the bean is made, so that a Template bean can be asked for.
        RootBeanDefinition definition = new RootBeanDefinition(CloneDataSource.class, () -> {
            Template template = named != null ? named
                    : beanFactory.getBeanProvider(Template.class).getIfUnique(() -> BootMigrations.template(environment));
            LOG.debug("pgfixture: the Spring context of {} runs on clones of {}", testClass, template.name());
            return new CloneDataSource(template, settings);
        });
        definition.setPrimary(true);
        definition.setDestroyMethodName("close");
        registry.registerBeanDefinition(CloneDataSource.NAME, definition);
        context.addBeanFactoryPostProcessor(new DataSourceReplacer());
        BootMigrations.disableStartupMigrations(context, registry);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TempDatabaseContextCustomizer other && other.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }
}
