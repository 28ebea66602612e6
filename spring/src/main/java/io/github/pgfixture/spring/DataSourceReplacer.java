package io.github.pgfixture.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

import javax.sql.DataSource;

/**
 * Once every configuration class is read: each other DataSource bean defined becomes a name of
 * pgfixture's, so that nothing in the context connects to the database the application would use, and
 * {@code dataSource} names pgfixture's too.
 */
final class DataSourceReplacer implements BeanFactoryPostProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceReplacer.class);

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
        for (String name : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
            if (!name.equals(CloneDataSource.NAME) && registry.containsBeanDefinition(name)) {
                registry.removeBeanDefinition(name);
                registry.registerAlias(CloneDataSource.NAME, name);
                LOG.debug("pgfixture: DataSource bean '{}' is replaced by pgfixture's", name);
            }
        }
        if (!registry.isBeanNameInUse("dataSource")) {
            registry.registerAlias(CloneDataSource.NAME, "dataSource");
        }
    }
}
