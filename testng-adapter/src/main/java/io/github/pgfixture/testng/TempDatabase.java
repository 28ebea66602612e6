package io.github.pgfixture.testng;

import io.github.pgfixture.TemplateSetup;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A database of its own for every test method, for classes run with {@link PgFixtureListener}.
 *
 * <p><b>On an instance field</b> of type {@code TemporaryDatabase}, {@code javax.sql.DataSource},
 * {@code java.sql.Connection} or {@code String} (the JDBC URL, credentials included): before each test
 * method's first {@code @BeforeMethod} runs (or before the test method, if there is none), the listener
 * clones a database and sets the field; {@code @BeforeMethod} and the test method see the same
 * database. When the test method ends, the connection is closed, the database is dropped (kept on
 * failure if {@code pgfixture.keep-on-failure} is set) and the field is set back to {@code null}, so
 * {@code @AfterMethod} no longer has it.
 *
 * <p><b>On a parameter</b> of a test method fed by {@link PgFixtureListener#DATABASE}, the data provider
 * of {@code PgFixtureListener}: the same, delivered as an argument. This is the way wherever one test
 * instance runs several methods at once and a field cannot hold one database per method:
 * {@code parallel="methods"}, {@code parallel="instances"} without {@code group-by-instances="true"},
 * {@code threadPoolSize}. Fields are refused there with a {@code PgFixtureException} that says so.
 *
 * <p><b>On the test class</b> (or a superclass): the template that fields and parameters without
 * attributes of their own use, and an opt-in to the listener.
 *
 * <p>All elements of one test method get one database: fields and parameters may be different views of
 * it (a {@code DataSource} and a {@code TemporaryDatabase}, say), and they must name the same template.
 * The template is named in exactly one of four ways, or not at all for an empty database:
 * {@link #flyway}, {@link #liquibase}, {@link #sql}, or {@link #setup} with {@link #version}. It is
 * built once per migration hash (see {@code io.github.pgfixture.Template}), before the suite's first
 * test method when the listener sees it at suite start.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER})
public @interface TempDatabase {

    /**
     * Flyway locations, e.g. {@code "db/migration"} or {@code "filesystem:src/main/sql"}. Needs
     * {@code flyway-core} and {@code flyway-database-postgresql} on the test class path.
     *
     * @return the Flyway locations; empty (the default) when the template is named another way
     */
    String[] flyway() default {};

    /**
     * A Liquibase changelog on the class path, or {@code filesystem:path/to/changelog.xml}. Needs
     * {@code liquibase-core} on the test class path.
     *
     * @return the changelog; empty (the default) when the template is named another way
     */
    String liquibase() default "";

    /**
     * A folder of {@code .sql} files, run in natural name order, each file as one JDBC execution.
     *
     * @return the folder; empty (the default) when the template is named another way
     */
    String sql() default "";

    /**
     * Code that migrates the template: a class with a no-argument constructor. Needs {@link #version},
     * which stands for what the code builds: change it whenever the setup changes.
     *
     * @return the setup class; {@code TemplateSetup.class} itself (the default) means none
     */
    Class<? extends TemplateSetup> setup() default TemplateSetup.class;

    /**
     * The version of {@link #setup}; required with it, ignored otherwise.
     *
     * @return the setup's version; empty (the default) without {@link #setup}
     */
    String version() default "";
}
