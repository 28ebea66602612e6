package io.github.pgfixture.spring;

import io.github.pgfixture.TemplateSetup;
import io.github.pgfixture.support.AdapterSettings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test's Spring context gets a {@link javax.sql.DataSource} that is a fresh PostgreSQL clone of a
 * migrated template for every test class (or every test method), without {@code @DirtiesContext}: the
 * counterpart of Spring Boot's {@code @AutoConfigureTestDatabase} for a real PostgreSQL.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureTempDatabase
 * class OrderServiceTest { ... }
 * }</pre>
 *
 * <h2>The DataSource</h2>
 * The context gets one primary {@code DataSource} bean (also called {@code dataSource}) that hands out
 * connections to the current clone. Every other {@code DataSource} bean the configuration defines is
 * replaced by it (its name becomes an alias), and Boot neither configures a pool of its own nor
 * replaces it with an embedded database ({@code spring.test.database.replace=none}). JPA, Spring Data
 * JDBC, {@code JdbcTemplate} and transactions keep working across clones: they ask the data source for
 * a connection each time, and get one to the clone of the test that runs.
 *
 * <h2>Template</h2>
 * Name it in at most one way: {@link #flyway()}, {@link #liquibase()}, {@link #sql()} or
 * {@link #setup()} with {@link #version()}. Without any, a {@link io.github.pgfixture.Template} bean of the
 * test's configuration (one only) is the template. Without one, it is the application's own migrations, as
 * Spring Boot would run them at start-up: Flyway's {@code spring.flyway.locations} (default
 * {@code classpath:db/migration}) when Flyway is on the class path and {@code spring.flyway.enabled}
 * is not false, else Liquibase's {@code spring.liquibase.change-log} (default
 * {@code classpath:db/changelog/db.changelog-master.yaml}) likewise; with neither, an empty database.
 * The template is built once, named by the hash of its migrations, and Boot's start-up migration
 * (Flyway's migrate, Liquibase's update) does not run again on the clones.
 *
 * <h2>Isolation</h2>
 * {@link Isolation#CLASS} (the default) gives each test class a clone of its own, which its tests
 * share; {@link Isolation#METHOD} gives each test method one. The context, and Spring's context cache,
 * stay: only the data source behind them moves to a new clone, and the previous clone's connections
 * are closed and the clone dropped. Caches that hold data from the database outside it (Hibernate's
 * second-level and query caches, Spring's {@code @Cacheable}) do not follow: see docs/spring.md.
 *
 * <h2>Parallel execution</h2>
 * Test classes that share one Spring context take turns on it (a class waits while another uses
 * the context), and under {@link Isolation#METHOD} so do the methods of a class; classes with
 * different contexts run in parallel.
 *
 * <h2>Configuration</h2>
 * {@value AdapterSettings#KEEP_ON_FAILURE} (a Spring property, then a pgfixture setting) keeps the
 * clone of a failed test (or of a class with a failed test) for inspection. In a JUnit run, the
 * templates that the attributes name are built in parallel before the first test, unless
 * {@value AdapterSettings#PREBUILD_TEMPLATES} is false; a {@code Template} bean's and the one derived
 * from Boot's properties are built when the first context that needs them starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureTempDatabase {

    /** Which tests share a clone. */
    enum Isolation {
        /** One clone for each test class, shared by its tests. */
        CLASS,
        /** One clone for each test method (each invocation of a repeated or parameterized test). */
        METHOD
    }

    /** Which tests share a clone; {@link Isolation#CLASS} by default. */
    Isolation isolation() default Isolation.CLASS;

    /** Flyway locations, instead of the application's {@code spring.flyway.locations}. */
    String[] flyway() default {};

    /** A Liquibase changelog, instead of the application's {@code spring.liquibase.change-log}. */
    String liquibase() default "";

    /** A folder of {@code .sql} files, run in natural name order ({@code Template.sqlFiles}). */
    String sql() default "";

    /** Code that migrates the template: a class with a no-argument constructor. Needs {@link #version()}. */
    Class<? extends TemplateSetup> setup() default TemplateSetup.class;

    /** With {@link #setup()}: change it whenever the setup changes, or the old template is reused. */
    String version() default "";
}
