package io.github.pgfixture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TemporaryDatabase#reset()}: one TRUNCATE empties every user table (foreign keys, cycles,
 * partitions, other schemas, awkward names), restarts identities, and keeps the migration tools'
 * history tables.
 */
class ResetTest {

    private static final Template SCHEMA = Template.of("reset", "v1", ds -> {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE parent (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
                    CREATE TABLE child (id bigserial PRIMARY KEY, parent_id int NOT NULL REFERENCES parent);
                    CREATE TABLE a (id int PRIMARY KEY, b_id int);
                    CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
                    ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;
                    CREATE TABLE measurement (at date NOT NULL, v int) PARTITION BY RANGE (at);
                    CREATE TABLE measurement_2025 PARTITION OF measurement FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                    CREATE TABLE measurement_2026 PARTITION OF measurement FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                    CREATE SCHEMA "Other Schema";
                    CREATE TABLE "Other Schema"."Odd ""Name""\" (id serial PRIMARY KEY);
                    CREATE VIEW parent_names AS SELECT name FROM parent;
                    CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version text);
                    CREATE TABLE databasechangelog (id text, author text);
                    CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean);
                    INSERT INTO flyway_schema_history VALUES (1, '1');
                    INSERT INTO databasechangelog VALUES ('1', 'me');
                    INSERT INTO databasechangeloglock VALUES (1, false);
                    INSERT INTO parent (name) VALUES ('reference data');
                    """);
        }
    });

    private static final List<String> TABLES = List.of("parent", "child", "a", "b", "measurement",
            "measurement_2025", "measurement_2026", "\"Other Schema\".\"Odd \"\"Name\"\"\"");

    @AfterAll
    static void dropTemplates() {
        Sql.dropAll(List.of(SCHEMA.name(), Template.flyway("classpath:templates/bench50").name(),
                Template.liquibase("templates/bench50-liquibase/changelog.sql").name()));
    }

    private static void fill(String url) {
        Sql.execute(url,
                "INSERT INTO parent (name) VALUES ('x'), ('y')",
                "INSERT INTO child (parent_id) SELECT id FROM parent",
                "INSERT INTO a VALUES (1, NULL)", "INSERT INTO b VALUES (1, 1)", "UPDATE a SET b_id = 1",
                "INSERT INTO measurement VALUES ('2025-06-01', 1), ('2026-06-01', 2)",
                "INSERT INTO \"Other Schema\".\"Odd \"\"Name\"\"\" DEFAULT VALUES");
    }

    @Test
    void reset_emptiesEveryUserTable_keepsTheHistoryTables_andRestartsIdentities() {
        try (TemporaryDatabase db = SharedCluster.get().temporaryDatabase(SCHEMA)) {
            fill(db.url());

            db.reset();

            for (String table : TABLES) {
                assertThat(Sql.count(db.url(), "SELECT count(*) FROM " + table)).as(table).isZero();
            }
            assertThat(Sql.count(db.url(), "SELECT count(*) FROM flyway_schema_history")).isEqualTo(1);
            assertThat(Sql.count(db.url(), "SELECT count(*) FROM databasechangelog")).isEqualTo(1);
            assertThat(Sql.count(db.url(), "SELECT count(*) FROM databasechangeloglock")).isEqualTo(1);
            assertThat(Sql.one(db.url(), "INSERT INTO parent (name) VALUES ('again') RETURNING id")).isEqualTo("1");
            assertThat(Sql.one(db.url(), "INSERT INTO child (parent_id) VALUES (1) RETURNING id")).isEqualTo("1");
            assertThat(Sql.one(db.url(), "INSERT INTO \"Other Schema\".\"Odd \"\"Name\"\"\" DEFAULT VALUES RETURNING id"))
                    .isEqualTo("1");
        }
    }

    @Test
    void reset_isOneStatement_aTableThatRefusesLeavesEveryTableAsItWas() {
        try (TemporaryDatabase db = SharedCluster.get().temporaryDatabase(SCHEMA)) {
            fill(db.url());
            Sql.execute(db.url(), "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'b is not to be truncated'; END $$",
                    "CREATE TRIGGER refuse BEFORE TRUNCATE ON b EXECUTE FUNCTION refuse()");

            assertThatThrownBy(db::reset)
                    .isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining(db.name())
                    .hasMessageContaining("b is not to be truncated");

            assertThat(Sql.count(db.url(), "SELECT count(*) FROM parent")).isEqualTo(3);
            assertThat(Sql.count(db.url(), "SELECT count(*) FROM measurement")).isEqualTo(2);
            assertThat(Sql.count(db.url(), "SELECT count(*) FROM \"Other Schema\".\"Odd \"\"Name\"\"\"")).isEqualTo(1);
        }
    }

    @Test
    void reset_ofAnEmptyDatabase_doesNothing() {
        try (TemporaryDatabase db = SharedCluster.get().temporaryDatabase("reset_empty")) {
            db.reset();
            assertThat(Sql.count(db.url(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flyway", "liquibase"})
    void reset_afterARealMigrationTool_keepsItsHistory(String tool) {
        Template template = tool.equals("flyway") ? Template.flyway("classpath:templates/bench50")
                : Template.liquibase("templates/bench50-liquibase/changelog.sql");
        String history = tool.equals("flyway") ? "flyway_schema_history" : "databasechangelog";
        try (TemporaryDatabase db = SharedCluster.get().temporaryDatabase(template)) {
            db.reset();

            assertThat(Sql.count(db.url(), "SELECT count(*) FROM t0")).isZero();
            assertThat(Sql.count(db.url(), "SELECT count(*) FROM " + history)).isEqualTo(1);
            assertThat(Sql.one(db.url(), "INSERT INTO t0 (name) VALUES ('n') RETURNING id")).isEqualTo("1");
        }
    }
}
