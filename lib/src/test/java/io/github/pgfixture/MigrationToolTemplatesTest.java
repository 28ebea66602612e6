package io.github.pgfixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway, Liquibase and SQL-folder templates on the shared fixtures (copied to
 * {@code src/test/resources/templates}): the 50-table benchmark schema and the real Pagila schema
 * build and clone; Pagila with pgvector, which zonky's binaries lack, fails naming the extension and
 * the file, and leaves no template. Build times are logged for the figures in the issue.
 */
class MigrationToolTemplatesTest {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationToolTemplatesTest.class);
    private static final String USER_TABLES = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN "
            + "('flyway_schema_history', 'databasechangelog', 'databasechangeloglock')";

    enum Tool {
        FLYWAY, LIQUIBASE, SQL_FOLDER;

        /** The template of {@code folder} below templates/; Liquibase reads {@code changelog} in {@code changelogFolder}. */
        Template of(String folder, String changelogFolder, String changelog) {
            return switch (this) {
                case FLYWAY -> Template.flyway("classpath:templates/" + folder);
                case LIQUIBASE -> Template.liquibase("templates/" + changelogFolder + "/" + changelog);
                case SQL_FOLDER -> Template.sqlFiles("classpath:templates/" + folder);
            };
        }
    }

    private final List<String> templates = new ArrayList<>();

    @AfterEach
    void dropTemplates() {
        Sql.dropAll(templates);
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void bench50_buildsATemplateWhoseClonesHaveItsFiftyTables(Tool tool) {
        Template template = tool.of("bench50", "bench50-liquibase", "changelog.sql");

        try (TemporaryDatabase clone = buildAndClone(template, "bench-50", tool)) {
            assertThat(Sql.count(clone.url(), USER_TABLES)).isEqualTo(50);
            assertThat(Sql.count(clone.url(), "SELECT count(*) FROM t0")).isEqualTo(1000);
            assertThat(Sql.count(clone.url(), "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' "
                    + "AND tablename ~ '^t[0-9]+$' AND indexname NOT LIKE '%pkey'")).isEqualTo(100);
        }
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void pagila_buildsATemplateWhoseClonesHaveItsSchema(Tool tool) {
        Template template = tool.of("pagila", "pagila", "changelog.xml");

        try (TemporaryDatabase clone = buildAndClone(template, "Pagila", tool)) {
            // 15 tables, and payment with 55 partitions (the pg_dump has one CREATE TABLE per relation)
            assertThat(Sql.count(clone.url(), USER_TABLES)).isEqualTo(70);
            assertThat(Sql.one(clone.url(), "SELECT relkind FROM pg_class WHERE oid = 'public.payment'::regclass"))
                    .as("payment is partitioned").isEqualTo("p");
            assertThat(Sql.count(clone.url(), "SELECT count(*) FROM pg_views WHERE schemaname = 'public'")).isPositive();
            assertThat(Sql.count(clone.url(), "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    + "WHERE c.relname = 'film' AND NOT t.tgisinternal")).as("film's triggers").isPositive();
            assertThat(Sql.one(clone.url(), "SELECT typname FROM pg_type WHERE typname = 'bıgınt'"))
                    .as("the non-ASCII domain").isEqualTo("bıgınt");
        }
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void pagilaWithPgvector_failsNamingTheExtensionAndTheFile_andLeavesNoTemplate(Tool tool) {
        SharedCluster cluster = SharedCluster.get();
        Template template = tool.of("pagila-pgvector", "pagila-pgvector", "changelog.xml");
        templates.add(template.name());

        assertThatThrownBy(() -> cluster.ensureTemplate(template))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining(template.name())
                .hasMessageContaining("extension \"vector\" is not available")
                .hasMessageContaining(tool == Tool.LIQUIBASE ? "changelog.xml" : "V1__pagila_schema.sql")
                .hasMessageContaining("do not bundle that extension")
                .hasMessageContaining(tool == Tool.SQL_FOLDER ? "failed in the statement that starts at line 489 "
                        + "(CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public)" : "")
                .satisfies(e -> assertThat(e.getMessage().length())
                        .as("a short message, not the whole dump: %s", e.getMessage()).isLessThan(4000));

        assertThat(cluster.databaseExists(template.name())).isFalse();
    }

    private TemporaryDatabase buildAndClone(Template template, String schema, Tool tool) {
        SharedCluster cluster = SharedCluster.get();
        templates.add(template.name());
        long start = System.nanoTime();
        cluster.ensureTemplate(template);
        LOG.info("{} with {}: template {} built in {} ms", schema, tool, template.name(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(Sql.templateState(cluster, template.name())).isEqualTo("built");
        return cluster.temporaryDatabase(template);
    }
}
