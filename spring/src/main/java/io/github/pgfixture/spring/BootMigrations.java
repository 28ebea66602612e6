package io.github.pgfixture.spring;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.Template;
import io.github.pgfixture.support.AdapterTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What Spring Boot would migrate at start-up ({@code spring.flyway.*}, {@code spring.liquibase.*}), as a
 * template, and how Boot is kept from migrating the clones again. Boot, Flyway and Liquibase are
 * looked up by name, so that the jar serves Boot 3 and Boot 4 and needs none of them.
 */
final class BootMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(BootMigrations.class);

    private static final String FLYWAY = "org.flywaydb.core.Flyway";
    private static final String SPRING_LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";
    private static final String BOOT = "org.springframework.boot.SpringApplication";
    /** Boot 3's and Boot 4's names of the interface; a primary no-op one keeps Boot from migrating. */
    private static final String[] FLYWAY_MIGRATION_STRATEGY = {
            "org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy",
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy"};

    private BootMigrations() {
    }

    /**
     * The template of the application's own migrations: Flyway's locations, else Liquibase's changelog,
     * as Boot would find them; without Boot, or with neither, an empty database.
     */
    static Template template(Environment environment) {
        ClassLoader loader = loader();
        if (!ClassUtils.isPresent(BOOT, loader)) {
            return AdapterTemplates.EMPTY;
        }
        String[] locations = null;
        if (ClassUtils.isPresent(FLYWAY, loader) && environment.getProperty("spring.flyway.enabled", Boolean.class, true)) {
            locations = Arrays.stream(environment.getProperty("spring.flyway.locations", String[].class,
                            new String[] {"classpath:db/migration"}))
                    .map(String::trim).map(l -> l.replace("{vendor}", "postgresql")).map(BootMigrations::normalized)
                    .filter(l -> exists(l, loader)).toArray(String[]::new);
        }
        String changelog = null;
        if (ClassUtils.isPresent(SPRING_LIQUIBASE, loader)
                && environment.getProperty("spring.liquibase.enabled", Boolean.class, true)) {
            changelog = normalized(environment.getProperty("spring.liquibase.change-log",
                    "classpath:/db/changelog/db.changelog-master.yaml").trim());
            changelog = exists(changelog, loader) ? changelog : null;
        }
        boolean flyway = locations != null && locations.length > 0;
        if (flyway && changelog != null) {
            throw new PgFixtureException("@AutoConfigureTempDatabase found both Flyway migrations ("
                    + String.join(", ", locations) + ") and a Liquibase changelog (" + changelog + "), which Spring Boot "
                    + "would both run. Set spring.flyway.enabled=false or spring.liquibase.enabled=false, or name the "
                    + "template on the annotation (flyway = ..., liquibase = ...).");
        }
        if (flyway) {
            return Template.flyway(locations);
        }
        if (changelog != null) {
            return Template.liquibase(changelog);
        }
        return AdapterTemplates.EMPTY;
    }

    /**
     * Keeps Boot's start-up migrations off the clones, which are migrated already: a primary no-op
     * {@code FlywayMigrationStrategy}, and {@code shouldRun=false} on every {@code SpringLiquibase}. The
     * {@code Flyway} and {@code SpringLiquibase} beans stay, for tests that use them.
     */
    static void disableStartupMigrations(ConfigurableApplicationContext context, BeanDefinitionRegistry registry) {
        ClassLoader loader = loader();
        if (ClassUtils.isPresent(FLYWAY, loader)) {
            for (String name : FLYWAY_MIGRATION_STRATEGY) {
                if (ClassUtils.isPresent(name, loader)) {
                    Class<?> type = ClassUtils.resolveClassName(name, loader);
                    RootBeanDefinition definition = new RootBeanDefinition(type);
                    definition.setInstanceSupplier(() -> noOp(type));
                    definition.setPrimary(true);
                    registry.registerBeanDefinition("pgfixtureFlywayMigrationStrategy", definition);
                    break;
                }
            }
        }
        if (ClassUtils.isPresent(SPRING_LIQUIBASE, loader)) {
            Class<?> springLiquibase = ClassUtils.resolveClassName(SPRING_LIQUIBASE, loader);
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
                    if (springLiquibase.isInstance(bean)) {
                        try {
                            springLiquibase.getMethod("setShouldRun", boolean.class).invoke(bean, false);
                            LOG.debug("pgfixture: Liquibase bean '{}' does not update the clones", beanName);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException("Cannot keep Liquibase bean '" + beanName
                                    + "' from updating pgfixture's clone: " + e, e);
                        }
                    }
                    return bean;
                }
            });
        }
    }

    private static Object noOp(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "pgfixture: no Flyway migration at start-up (the clone is migrated already)";
                    default -> null;
                });
    }

    /** {@code classpath:/db/x} and {@code classpath:db/x} as {@code db/x}, as the adapters' annotations write it. */
    private static String normalized(String location) {
        if (location.startsWith("classpath:")) {
            location = location.substring("classpath:".length());
            while (location.startsWith("/")) {
                location = location.substring(1);
            }
        }
        return location;
    }

    private static boolean exists(String location, ClassLoader loader) {
        if (location.startsWith("filesystem:")) {
            return Files.exists(Path.of(location.substring("filesystem:".length())));
        }
        return loader.getResource(location) != null;
    }

    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : BootMigrations.class.getClassLoader();
    }
}
