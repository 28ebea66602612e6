package io.github.pgfixture.junit5;

import io.github.pgfixture.TemplateSetup;
import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

import static io.github.pgfixture.junit5.Fixtures.awaitDropped;
import static io.github.pgfixture.junit5.Fixtures.record;
import static io.github.pgfixture.junit5.Fixtures.recorded;
import static io.github.pgfixture.junit5.Fixtures.recordedNames;
import static io.github.pgfixture.junit5.Fixtures.run;
import static io.github.pgfixture.junit5.Fixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;

/** Which template a {@link TempDatabase} database is cloned from. */
class TemplateSelectionTest {

    @Test
    void eachKindOfTemplate_databaseHasItsSchema() {
        EngineExecutionResults results = run(EachKind.class);

        results.testEvents().assertStatistics(s -> s.succeeded(5).failed(0));
        assertThat(recorded("flyway")).containsExactly(java.util.Set.of("flyway_schema_history", "orders"));
        assertThat(recorded("sql")).containsExactly(java.util.Set.of("customers"));
        assertThat(recorded("liquibase")).containsExactly(
                java.util.Set.of("databasechangelog", "databasechangeloglock", "invoices"));
        assertThat(recorded("setup")).containsExactly(java.util.Set.of("made_by_setup"));
        assertThat(recorded("none")).containsExactly(java.util.Set.of());
        awaitDropped(recordedNames("database"));
    }

    @Test
    void twoTemplatesInOneTest_twoDatabases() {
        EngineExecutionResults results = run(TwoTemplates.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(recordedNames("database")).hasSize(2).doesNotHaveDuplicates();
        awaitDropped(recordedNames("database"));
    }

    @Test
    void classLevelTemplate_appliesWhereNoneIsNamed_alsoInNestedClassesAndSubclasses() {
        EngineExecutionResults results = run(ClassDefault.class);
        results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        EngineExecutionResults subclass = run(InheritsClassDefault.class);
        subclass.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    }

    @Test
    void sameAnnotationOnManyTests_templateResolvedOnceForTheRun() {
        EngineExecutionResults results = run(ManyTestsOneTemplate.class);

        results.testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        assertThat(recordedNames("database")).hasSize(4).doesNotHaveDuplicates();
        assertThat(recorded("setup-instantiated")).as("resolving the annotation instantiates the setup").hasSize(1);
        awaitDropped(recordedNames("database"));
    }

    // ---- fixtures ----

    static class MadeBySetup implements TemplateSetup {
        @Override
        public void setUp(DataSource template) throws Exception {
            try (Connection c = template.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE made_by_setup (id int)");
            }
        }
    }

    static class CountsItsInstances implements TemplateSetup {
        CountsItsInstances() {
            record("setup-instantiated", this);
        }

        @Override
        public void setUp(DataSource template) {
        }
    }

    static class ManyTestsOneTemplate {
        @TempDatabase(setup = CountsItsInstances.class, version = "1")
        TemporaryDatabase field;

        @RepeatedTest(2)
        void repeated(@TempDatabase(setup = CountsItsInstances.class, version = "1") TemporaryDatabase db) {
            assertThat(db.name()).isEqualTo(field.name());
            record("database", db.name());
        }

        @Test
        void one() {
            record("database", field.name());
        }

        @Test
        void two() {
            record("database", field.name());
        }
    }

    static class EachKind {
        @Test
        void flyway(@TempDatabase(flyway = "db/migration") TemporaryDatabase db) throws Exception {
            record("database", db.name());
            record("flyway", tables(db.dataSource()));
        }

        @Test
        void sql(@TempDatabase(sql = "db/sql") TemporaryDatabase db) throws Exception {
            record("database", db.name());
            record("sql", tables(db.dataSource()));
        }

        @Test
        void liquibase(@TempDatabase(liquibase = "db/changelog/changelog.sql") TemporaryDatabase db) throws Exception {
            record("database", db.name());
            record("liquibase", tables(db.dataSource()));
        }

        @Test
        void setup(@TempDatabase(setup = MadeBySetup.class, version = "1") TemporaryDatabase db) throws Exception {
            record("database", db.name());
            record("setup", tables(db.dataSource()));
        }

        @Test
        void none(@TempDatabase TemporaryDatabase db) throws Exception {
            record("database", db.name());
            record("none", tables(db.dataSource()));
        }
    }

    static class TwoTemplates {
        @Test
        void test(@TempDatabase(flyway = "db/migration") TemporaryDatabase orders,
                  @TempDatabase(sql = "db/sql") TemporaryDatabase customers) throws Exception {
            record("database", orders.name());
            record("database", customers.name());
            assertThat(tables(orders.dataSource())).contains("orders").doesNotContain("customers");
            assertThat(tables(customers.dataSource())).contains("customers").doesNotContain("orders");
        }
    }

    @TempDatabase(flyway = "db/migration")
    static class ClassDefault {
        @TempDatabase
        DataSource fromClass;

        @Test
        void fieldAndParameterWithoutTemplate_getTheClassTemplate(@TempDatabase DataSource parameter) throws Exception {
            assertThat(tables(fromClass)).contains("orders");
            assertThat(tables(parameter)).contains("orders");
        }

        @Test
        void namedTemplate_winsOverTheClassTemplate(@TempDatabase(sql = "db/sql") DataSource own) throws Exception {
            assertThat(tables(own)).containsExactly("customers");
        }

        @Nested
        class Inner {
            @Test
            void enclosingClassTemplate(@TempDatabase DataSource db) throws Exception {
                assertThat(tables(db)).contains("orders");
            }
        }
    }

    static class InheritsClassDefault extends ClassDefault {
    }
}
