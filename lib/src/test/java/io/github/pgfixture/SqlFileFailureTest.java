package io.github.pgfixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failing {@code .sql} file of a {@link Template#sqlFiles} template is reported with its line and
 * the first line of the statement that failed, not only with PostgreSQL's position inside that
 * statement; and the files still run in one execution each when they work.
 */
class SqlFileFailureTest {

    private static final Logger LOG = LoggerFactory.getLogger(SqlFileFailureTest.class);

    @TempDir
    Path folder;

    private final List<String> templates = new ArrayList<>();

    @AfterEach
    void dropTemplates() {
        Sql.dropAll(templates);
    }

    @Test
    void syntaxError_namesTheFileTheLineAndTheStatement() throws IOException {
        Files.writeString(folder.resolve("1_customers.sql"), "CREATE TABLE customers (id int PRIMARY KEY);\n");
        Files.writeString(folder.resolve("2_orders.sql"), """
                -- orders; and a function whose body has semicolons
                INSERT INTO customers VALUES (1), (2);

                /* a 'quote'; and a "name"; in a comment */
                CREATE FUNCTION answer() RETURNS int LANGUAGE plpgsql AS $body$
                BEGIN
                  RETURN 42; -- ;
                END;
                $body$;

                CREATE TABLE orders (
                    id int PRIMARY KEY,
                    customer int REFERENCES customers
                    total numeric NOT NULL
                );
                """);

        assertThatThrownBy(() -> build(Template.sqlFiles(folder)))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("Migration file 2_orders.sql (in filesystem:" + folder + ") failed at line 14, "
                        + "column 5, in the statement that starts at line 11 (CREATE TABLE orders ( …): "
                        + "ERROR: syntax error at or near \"total\"")
                .satisfies(e -> LOG.info("Reported as: {}", e.getMessage()));
    }

    @Test
    void errorWithoutAPosition_namesTheLineOfItsStatement() throws IOException {
        Files.writeString(folder.resolve("1_customers.sql"), """
                CREATE TABLE customers (id int PRIMARY KEY);
                INSERT INTO customers VALUES (1);
                INSERT INTO customers
                  VALUES (1);
                """);

        assertThatThrownBy(() -> build(Template.sqlFiles(folder)))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("Migration file 1_customers.sql (in filesystem:" + folder + ") failed in the "
                        + "statement that starts at line 3 (INSERT INTO customers …): ERROR: duplicate key value");
    }

    @Test
    void pagilaDump_failingAtItsEnd_namesTheLastLine() throws IOException {
        String dump = resource("/templates/pagila/V1__pagila_schema.sql");
        int lines = (int) dump.lines().count();
        Files.writeString(folder.resolve("V1__pagila_schema.sql"), dump + "SELECT no_such_column FROM public.film;\n");

        long start = System.nanoTime();
        assertThatThrownBy(() -> build(Template.sqlFiles(folder)))
                .hasMessageContaining("V1__pagila_schema.sql (in filesystem:" + folder + ") failed at line " + (lines + 1)
                        + ", column 8, in the statement that starts at line " + (lines + 1)
                        + " (SELECT no_such_column FROM public.film): ERROR: column \"no_such_column\" does not exist");
        LOG.info("Pagila with a failing last statement: reported in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private void build(Template template) {
        templates.add(template.name());
        SharedCluster.get().ensureTemplate(template);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(SqlFileFailureTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
