package io.github.pgfixture.junit5;

import io.github.pgfixture.TemplateSetup;
import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;

import static io.github.pgfixture.junit5.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Mistakes in using {@link TempDatabase}: each fails with a message that says what to change. */
class ConfigurationErrorTest {

    @Test
    void constructorParameter_refused() {
        EngineExecutionResults results = run(ConstructorParameter.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                cause(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("is a constructor parameter")
                                && m.contains("Move @TempDatabase to a field, or to a parameter of the test method")))));
    }

    @Test
    void finalField_refused() {
        EngineExecutionResults results = run(FinalField.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("@TempDatabase field " + FinalField.class.getName() + ".db is final")
                        && m.contains("Remove 'final'"))));
    }

    @Test
    void staticFinalField_refusedForTheClass() {
        EngineExecutionResults results = run(StaticFinalField.class);

        results.containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(m -> m.contains(".db is final"))));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void unsupportedFieldType_refused() {
        EngineExecutionResults results = run(UnsupportedField.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains(UnsupportedField.class.getName() + ".db has type java.nio.file.Path")
                        && m.contains("Declare it as TemporaryDatabase, DataSource, Connection or String"))));
    }

    @Test
    void unsupportedParameterType_refused() {
        EngineExecutionResults results = run(UnsupportedParameter.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                cause(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("parameter 0 (List) of " + UnsupportedParameter.class.getName() + ".test(List)")
                                && m.contains("has type java.util.List")))));
    }

    @Test
    void parameterWithoutTheAnnotation_leftToOtherResolvers() {
        EngineExecutionResults results = run(NotAnnotated.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(m -> m.contains("No ParameterResolver registered for parameter [javax.sql.DataSource"))));
    }

    @Test
    void twoKindsOfTemplate_refused() {
        EngineExecutionResults results = run(TwoKinds.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                cause(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("names its template in more than one way (flyway, sql)")
                                && m.contains("Keep exactly one of flyway, liquibase, sql and setup")))));
    }

    @Test
    void setupWithoutVersion_refused() {
        EngineExecutionResults results = run(SetupWithoutVersion.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains(SetupWithoutVersion.class.getName() + ".db gives setup = ")
                        && m.contains("without a version. Add version = "))));
    }

    @Test
    void missingMigrationLocation_namesTheElement() {
        EngineExecutionResults results = run(MissingLocation.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                cause(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("@TempDatabase parameter 0") && m.contains("db/no-such-folder")))));
    }

    @Test
    void missingFlywayLocation_namesTheAttributeThatNamedIt() {
        EngineExecutionResults results = run(MissingFlywayLocation.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.startsWith("@TempDatabase field " + MissingFlywayLocation.class.getName() + ".db names "
                        + "flyway = {\"db/migration\", \"db/x\"}: ") && m.contains("The class path has no folder db/x"))));
    }

    @Test
    void classLevelTemplateWithTwoKinds_namesTheClass() {
        EngineExecutionResults results = run(BadClassDefault.class);

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("@TempDatabase on " + BadClassDefault.class.getName()
                        + " (the class-level template for @TempDatabase field") && m.contains("more than one way"))));
    }

    @Test
    void invalidSetting_namesTheKeyAndItsSource() {
        EngineExecutionResults results = run(Valid.class, TempDatabase.KEEP_ON_FAILURE, "yes");

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message("Setting pgfixture.keep-on-failure = 'yes' (from JUnit configuration parameter "
                        + "pgfixture.keep-on-failure) must be true or false. Correct or remove it.")));
    }

    // ---- fixtures ----

    static class ConstructorParameter {
        ConstructorParameter(@TempDatabase DataSource db) {
        }

        @Test
        void test() {
        }
    }

    static class FinalField {
        @TempDatabase
        final DataSource db = null;

        @Test
        void test() {
        }
    }

    static class StaticFinalField {
        @TempDatabase
        static final DataSource db = null;

        @Test
        void test() {
        }
    }

    static class UnsupportedField {
        @TempDatabase
        Path db;

        @Test
        void test() {
        }
    }

    static class UnsupportedParameter {
        @Test
        void test(@TempDatabase List<String> db) {
        }
    }

    static class NotAnnotated {
        @Test
        void test(@TempDatabase DataSource annotated, DataSource notAnnotated) {
        }
    }

    static class TwoKinds {
        @Test
        void test(@TempDatabase(flyway = "db/migration", sql = "db/sql") DataSource db) {
        }
    }

    static class SetupWithoutVersion {
        @TempDatabase(setup = NoOp.class)
        TemporaryDatabase db;

        @Test
        void test() {
        }
    }

    static class NoOp implements TemplateSetup {
        @Override
        public void setUp(DataSource template) {
        }
    }

    static class MissingLocation {
        @Test
        void test(@TempDatabase(sql = "db/no-such-folder") DataSource db) {
        }
    }

    static class MissingFlywayLocation {
        @TempDatabase(flyway = {"db/migration", "db/x"})
        DataSource db;

        @Test
        void test() {
        }
    }

    @TempDatabase(flyway = "db/migration", liquibase = "db/changelog/changelog.sql")
    static class BadClassDefault {
        @TempDatabase
        DataSource db;

        @Test
        void test() {
        }
    }

    static class Valid {
        @Test
        void test(@TempDatabase DataSource db) {
        }
    }
}
