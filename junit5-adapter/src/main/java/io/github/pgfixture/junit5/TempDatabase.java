package io.github.pgfixture.junit5;

import io.github.pgfixture.TemplateSetup;
import io.github.pgfixture.TemporaryDatabase;
import io.github.pgfixture.support.AdapterSettings;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A PostgreSQL database of the test's own, cloned from a template named by its migrations, and
 * dropped when the test is done: the database counterpart of JUnit's {@code @TempDir}.
 *
 * <pre>{@code
 * @Test
 * void createsOrder(@TempDatabase(flyway = "db/migration") DataSource db) { ... }
 * }</pre>
 *
 * <h2>What can be injected</h2>
 * A field, or a parameter of a test method or of a lifecycle method ({@code @BeforeEach},
 * {@code @AfterEach}, {@code @BeforeAll}, {@code @AfterAll}), of one of these types:
 * <ul>
 *   <li>{@link TemporaryDatabase}: name, URL, data source, {@code reset()};</li>
 *   <li>{@link javax.sql.DataSource}: the database's connection pool;</li>
 *   <li>{@link java.sql.Connection}: one connection, opened for the test and closed before the
 *       database is dropped;</li>
 *   <li>{@link String}: the database's JDBC URL, credentials included.</li>
 * </ul>
 * Constructor parameters and {@code final} fields cannot be injected and fail with an
 * {@code ExtensionConfigurationException} saying so.
 *
 * <h2>Scope</h2>
 * <ul>
 *   <li>Each test gets a database of its own. Within one test, every injection point that names
 *       the same template gets the same database: an instance field, a {@code @BeforeEach}
 *       parameter and the test's own parameter all see one database (and one connection). Each
 *       invocation of a {@code @RepeatedTest} or {@code @ParameterizedTest} is a test of its own.</li>
 *   <li>A {@code static} field, and a parameter of {@code @BeforeAll} or {@code @AfterAll}, gets one
 *       database for the whole class, dropped after its last test.</li>
 *   <li>Instance fields of enclosing instances are injected for {@code @Nested} tests too.</li>
 * </ul>
 *
 * <h2>Template</h2>
 * Name the template in at most one way: {@link #flyway()}, {@link #liquibase()}, {@link #sql()} or
 * {@link #setup()} with {@link #version()}. The template is built once (per JVM, and on an external
 * server once for every run with the same migrations) and each database is a copy of it. An
 * annotation that names no template takes the one named by {@code @TempDatabase} on the test class
 * (or on an enclosing class of a {@code @Nested} class, or a superclass); without any, the database
 * starts empty.
 *
 * <h2>Parallel execution</h2>
 * Safe with {@code junit.jupiter.execution.parallel.enabled=true}, methods and classes concurrent:
 * each database lives in the {@code ExtensionContext.Store} of the test (or class) it belongs to,
 * and JUnit closes it when that ends. Works with JUnit Jupiter 5.10 through 6.x.
 *
 * <h2>Configuration</h2>
 * The keys below are read as JUnit configuration parameters (for example in
 * {@code junit-platform.properties}), then as pgfixture settings (system property, environment
 * variable such as {@code PGFIXTURE_KEEP_ON_FAILURE}, {@code pgfixture.properties}).
 */
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TempDatabaseExtension.class)
public @interface TempDatabase {

    /**
     * {@code true} keeps the database of a failed test for inspection instead of dropping it, and
     * reports its JDBC URL (password included) with the failure, as a report entry and in the log.
     * A class-wide database is kept when any of the class's tests failed. Default {@code false}.
     */
    String KEEP_ON_FAILURE = AdapterSettings.KEEP_ON_FAILURE;

    /**
     * {@code true} aborts (skips) the tests that need a database when PostgreSQL cannot be started
     * or reached, instead of failing them. Default {@code false}.
     */
    String ABORT_IF_UNAVAILABLE = AdapterSettings.ABORT_IF_UNAVAILABLE;

    /**
     * {@code false} turns off building every template the run needs, in parallel, before the first
     * test starts; each template is then built by the first test that needs it. Default {@code true}.
     */
    String PREBUILD_TEMPLATES = AdapterSettings.PREBUILD_TEMPLATES;

    /**
     * Flyway locations ({@code db/migration}, {@code classpath:db/migration},
     * {@code filesystem:src/main/resources/db/migration}). Needs {@code flyway-core} and
     * {@code flyway-database-postgresql} on the test class path.
     *
     * @return the Flyway locations; empty (the default) when the template is named another way
     */
    String[] flyway() default {};

    /**
     * A Liquibase changelog: a class-path resource, or {@code filesystem:path/to/changelog.xml}. Needs
     * {@code liquibase-core} on the test class path.
     *
     * @return the changelog; empty (the default) when the template is named another way
     */
    String liquibase() default "";

    /**
     * A folder of {@code .sql} files, run in natural name order, each file as one JDBC execution:
     * {@code db/schema} on the class path, or {@code filesystem:src/test/sql}.
     *
     * @return the folder; empty (the default) when the template is named another way
     */
    String sql() default "";

    /**
     * Code that migrates the template: a class with a no-argument constructor. Needs
     * {@link #version()}.
     *
     * @return the setup class; {@code TemplateSetup.class} itself (the default) means none
     */
    Class<? extends TemplateSetup> setup() default TemplateSetup.class;

    /**
     * With {@link #setup()}: stands for what the setup builds. Change it whenever the setup changes,
     * or the template already built from the old setup is reused.
     *
     * @return the setup's version; empty (the default) without {@link #setup()}
     */
    String version() default "";
}
