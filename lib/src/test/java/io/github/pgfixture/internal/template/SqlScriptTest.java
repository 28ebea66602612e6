package io.github.pgfixture.internal.template;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Cutting a script into statements where psql would, and telling lines from offsets. */
class SqlScriptTest {

    @Test
    void semicolonsInQuotesCommentsAndParentheses_doNotEndAStatement() {
        String script = """
                -- a comment; with a semicolon
                SELECT 'it''s; a string', E'\\'; still', "odd;name" FROM t; /* one; /* nested; */ two; */
                CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);
                SELECT $$ a; b $$, $fn$ $$; $fn$, $1
                """;

        assertThat(texts(script)).containsExactly(
                "SELECT 'it''s; a string', E'\\'; still', \"odd;name\" FROM t",
                "CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b)",
                "SELECT $$ a; b $$, $fn$ $$; $fn$, $1\n");
    }

    @Test
    void beginAtomicBody_isOneStatement() {
        String script = """
                CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN x > 0 THEN 1 ELSE 2 END;
                  SELECT 3;
                END;
                BEGIN;
                COMMIT;
                """;

        List<SqlScript.Statement> statements = SqlScript.of(script).statements();

        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 6, 7);
        assertThat(statements.get(0).text()).endsWith("SELECT 3;\nEND");
    }

    @Test
    void statement_startsAtItsFirstWord_afterBlankLinesAndComments() {
        String script = "\n\n-- intro\n/* block\ncomment */  CREATE TABLE a (id int);\n\n  DROP TABLE a";

        List<SqlScript.Statement> statements = SqlScript.of(script).statements();

        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(5, 7);
        assertThat(statements.get(0).text()).isEqualTo("CREATE TABLE a (id int)");
        assertThat(SqlScript.of(script).columnOf(statements.get(1).offset())).isEqualTo(3);
    }

    @Test
    void dollarSignsInsideIdentifiersAndParameters_openNoQuote() {
        assertThat(texts("SELECT a$b$ FROM x$; SELECT $1; SELECT 2")).containsExactly("SELECT a$b$ FROM x$", "SELECT $1",
                "SELECT 2");
    }

    @Test
    void pagilaDump_cutIntoItsStatements() throws IOException {
        String dump;
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/templates/pagila/V1__pagila_schema.sql"))) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        List<SqlScript.Statement> statements = SqlScript.of(dump).statements();

        // every statement of a pg_dump starts a line with an upper-case keyword; function bodies stay whole
        assertThat(statements).allSatisfy(s -> assertThat(s.text()).matches("(?s)[A-Z]+ .*"));
        assertThat(statements).filteredOn(s -> s.text().startsWith("CREATE FUNCTION"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.text()).matches("(?s).*\\$\\w*\\$"));
    }

    private static List<String> texts(String script) {
        return SqlScript.of(script).statements().stream().map(SqlScript.Statement::text).toList();
    }
}
