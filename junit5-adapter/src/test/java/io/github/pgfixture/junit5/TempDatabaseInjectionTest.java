package io.github.pgfixture.junit5;

import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static io.github.pgfixture.junit5.Fixtures.awaitDropped;
import static io.github.pgfixture.junit5.Fixtures.currentDatabase;
import static io.github.pgfixture.junit5.Fixtures.record;
import static io.github.pgfixture.junit5.Fixtures.recorded;
import static io.github.pgfixture.junit5.Fixtures.recordedNames;
import static io.github.pgfixture.junit5.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@link TempDatabase} injects where, and for how long. */
class TempDatabaseInjectionTest {

    @Test
    void parameters_everyType_oneDatabaseForTheTest() {
        EngineExecutionResults results = run(EveryTypeAsParameter.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        List<String> names = recordedNames("database");
        assertThat(names).hasSize(4).containsOnly(names.get(0)).allMatch(n -> n.startsWith("pgfixture_db_"));
        awaitDropped(names);
    }

    @Test
    void fields_everyType_privateAndPackagePrivate_oneDatabaseForTheTest() {
        EngineExecutionResults results = run(EveryTypeAsField.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        List<String> names = recordedNames("database");
        assertThat(names).hasSize(4).containsOnly(names.get(0));
        awaitDropped(names);
    }

    @Test
    void beforeEachAndAfterEach_sameDatabaseAsTheTest_newOneForTheNextTest() {
        EngineExecutionResults results = run(LifecycleMethods.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        List<String> before = recordedNames("beforeEach");
        List<String> test = recordedNames("test");
        List<String> after = recordedNames("afterEach");
        assertThat(before).hasSize(2).doesNotHaveDuplicates();
        assertThat(test).containsExactlyElementsOf(before);
        assertThat(after).containsExactlyElementsOf(before);
        awaitDropped(before);
    }

    @Test
    void staticField_oneDatabaseForTheClass_instanceField_onePerTest() {
        EngineExecutionResults results = run(StaticAndInstanceFields.class);

        results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        List<String> statics = recordedNames("static");
        List<String> instances = recordedNames("instance");
        assertThat(statics).hasSize(3).containsOnly(statics.get(0));
        assertThat(recordedNames("beforeAll")).containsExactly(statics.get(0));
        assertThat(recordedNames("afterAll")).containsExactly(statics.get(0));
        assertThat(instances).hasSize(3).doesNotHaveDuplicates().doesNotContain(statics.get(0));
        awaitDropped(statics);
        awaitDropped(instances);
    }

    @Test
    void staticFields_everyType_oneDatabaseForTheClass_closedAfterItsLastTest() throws Exception {
        EngineExecutionResults results = run(EveryTypeAsStaticField.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        List<String> names = recordedNames("database");
        assertThat(names).hasSize(8).containsOnly(names.get(0));
        assertThat(Fixtures.<Connection>recorded("connection")).hasSize(2).containsOnly(
                Fixtures.<Connection>recorded("connection").get(0));
        assertThat(Fixtures.<Connection>recorded("connection").get(0).isClosed()).isTrue();
        awaitDropped(names);
    }

    @Test
    void perClassLifecycle_instanceField_stillOnePerTest() {
        EngineExecutionResults results = run(PerClassLifecycle.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(recordedNames("instance")).hasSize(2).doesNotHaveDuplicates();
        assertThat(recordedNames("beforeAll")).hasSize(1).doesNotContainAnyElementsOf(recordedNames("instance"));
        awaitDropped(recordedNames("instance"));
        awaitDropped(recordedNames("beforeAll"));
    }

    @Test
    void nested_enclosingInstanceFieldsInjected_sameDatabaseWithinATest() {
        EngineExecutionResults results = run(Outer.class);

        results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        List<String> outerInOwnTest = recordedNames("outer-own");
        List<String> outerInNested = recordedNames("outer-in-nested");
        List<String> nested = recordedNames("nested");
        assertThat(outerInOwnTest).hasSize(1);
        assertThat(nested).hasSize(2).doesNotHaveDuplicates().doesNotContainAnyElementsOf(outerInOwnTest);
        assertThat(outerInNested).containsExactlyElementsOf(nested);
        awaitDropped(nested);
        awaitDropped(outerInOwnTest);
    }

    @Test
    void repeatedAndParameterizedTests_aDatabasePerInvocation() {
        EngineExecutionResults results = run(Invocations.class);

        results.testEvents().assertStatistics(s -> s.succeeded(6).failed(0));
        List<String> names = recordedNames("database");
        assertThat(names).hasSize(6).doesNotHaveDuplicates();
        awaitDropped(names);
    }

    @Test
    void afterSuccessAndAfterFailure_databasesDropped_connectionsClosedFirst() throws Exception {
        EngineExecutionResults results = run(PassingAndFailing.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        List<String> names = recordedNames("database");
        assertThat(names).hasSize(2).doesNotHaveDuplicates();
        awaitDropped(names);
        for (Connection connection : Fixtures.<Connection>recorded("connection")) {
            assertThat(connection.isClosed()).isTrue();
        }
    }

    @Test
    void connectionClosedByTheTest_laterInjectionGetsAnOpenOne() {
        EngineExecutionResults results = run(ClosesItsConnection.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        awaitDropped(recordedNames("database"));
    }

    // ---- fixtures: run by the tests above through EngineTestKit, never by Surefire directly ----

    static class EveryTypeAsParameter {
        @Test
        void test(@TempDatabase TemporaryDatabase database, @TempDatabase DataSource dataSource,
                  @TempDatabase Connection connection, @TempDatabase String url) throws Exception {
            record("database", database.name());
            record("database", currentDatabase(dataSource));
            record("database", currentDatabase(connection));
            record("database", currentDatabase(url));
        }
    }

    static class EveryTypeAsField {
        @TempDatabase
        private TemporaryDatabase database;
        @TempDatabase
        DataSource dataSource;
        @TempDatabase
        private Connection connection;
        @TempDatabase
        private String url;

        @Test
        void test() throws Exception {
            record("database", database.name());
            record("database", currentDatabase(dataSource));
            record("database", currentDatabase(connection));
            record("database", currentDatabase(url));
        }
    }

    static class EveryTypeAsStaticField {
        @TempDatabase
        static TemporaryDatabase database;
        @TempDatabase
        static DataSource dataSource;
        @TempDatabase
        private static Connection connection;
        @TempDatabase
        static String url;

        @Test
        void one() throws Exception {
            recordAll();
        }

        @Test
        void two() throws Exception {
            recordAll();
        }

        private static void recordAll() throws Exception {
            record("database", database.name());
            record("database", currentDatabase(dataSource));
            record("database", currentDatabase(connection));
            record("database", currentDatabase(url));
            record("connection", connection);
        }
    }

    static class LifecycleMethods {
        @BeforeEach
        void createTable(@TempDatabase DataSource db) throws Exception {
            record("beforeEach", currentDatabase(db));
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE note (text text)");
                s.execute("INSERT INTO note VALUES ('from @BeforeEach')");
            }
        }

        @Test
        void first(@TempDatabase Connection connection) throws Exception {
            seesTheNote(connection);
        }

        @Test
        void second(@TempDatabase Connection connection) throws Exception {
            seesTheNote(connection);
        }

        private static void seesTheNote(Connection connection) throws Exception {
            record("test", currentDatabase(connection));
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT text FROM note")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("from @BeforeEach");
                assertThat(rs.next()).isFalse();
            }
        }

        @AfterEach
        void afterEach(@TempDatabase String url) throws Exception {
            record("afterEach", currentDatabase(url));
        }
    }

    static class StaticAndInstanceFields {
        @TempDatabase
        static TemporaryDatabase shared;
        @TempDatabase
        TemporaryDatabase own;

        @BeforeAll
        static void beforeAll(@TempDatabase TemporaryDatabase db) {
            record("beforeAll", db.name());
        }

        @Test
        void one() {
            recordBoth();
        }

        @Test
        void two() {
            recordBoth();
        }

        @Test
        void three() {
            recordBoth();
        }

        private void recordBoth() {
            record("static", shared.name());
            record("instance", own.name());
        }

        @AfterAll
        static void afterAll(@TempDatabase String url) throws Exception {
            record("afterAll", currentDatabase(url));
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassLifecycle {
        @TempDatabase
        TemporaryDatabase own;

        @BeforeAll
        void beforeAll(@TempDatabase TemporaryDatabase db) {
            record("beforeAll", db.name());
        }

        @Test
        void one() {
            record("instance", own.name());
        }

        @Test
        void two() {
            record("instance", own.name());
        }
    }

    static class Outer {
        @TempDatabase
        TemporaryDatabase outer;

        @Test
        void outerTest() {
            record("outer-own", outer.name());
        }

        @Nested
        class Inner {
            @Test
            void one(@TempDatabase TemporaryDatabase db) {
                record("nested", db.name());
                record("outer-in-nested", outer.name());
            }

            @Test
            void two(@TempDatabase TemporaryDatabase db) {
                record("nested", db.name());
                record("outer-in-nested", outer.name());
            }
        }
    }

    static class Invocations {
        @RepeatedTest(3)
        void repeated(@TempDatabase TemporaryDatabase db) {
            record("database", db.name());
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void parameterized(int value, @TempDatabase TemporaryDatabase db) {
            record("database", db.name());
        }
    }

    static class PassingAndFailing {
        @Test
        void passes(@TempDatabase TemporaryDatabase db, @TempDatabase Connection connection) {
            record("database", db.name());
            record("connection", connection);
        }

        @Test
        void fails(@TempDatabase TemporaryDatabase db, @TempDatabase Connection connection) {
            record("database", db.name());
            record("connection", connection);
            throw new AssertionError("fails on purpose");
        }
    }

    static class ClosesItsConnection {
        @BeforeEach
        void closes(@TempDatabase Connection connection) throws Exception {
            connection.close();
        }

        @Test
        void test(@TempDatabase Connection connection, @TempDatabase TemporaryDatabase db) throws Exception {
            assertThat(connection.isClosed()).isFalse();
            assertThat(currentDatabase(connection)).isEqualTo(db.name());
            record("database", db.name());
        }
    }
}
