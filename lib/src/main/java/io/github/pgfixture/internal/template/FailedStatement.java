package io.github.pgfixture.internal.template;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where in a SQL file the error of its execution came from. PgJDBC cuts a file into statements and
 * sends them in one go, so its error says neither which statement failed nor where in the file
 * ("Position: 55" counts from the end of the statement before, comments included). Only once the
 * file has failed, its statements are run again one at a time (cut by {@link SqlScript}) in a
 * transaction that is rolled back (a file of one statement: on its own, as it ran), up to the first
 * that fails; when that one fails with the same error, it is the one. The file's run has rolled back already and the
 * template is dropped after a failed setup, so running them again changes nothing that stays; a
 * file that runs fast when it works is not slowed down to be able to say this.
 *
 * @param line      the line, from 1, the failing statement starts on
 * @param errorLine the line PostgreSQL's error position points at, or 0 when the error has none
 * @param column    the column of that position, from 1, or 0
 * @param statement the statement's text
 * @param error     the error of the statement run on its own (its position counts from the statement's start)
 */
record FailedStatement(int line, int errorLine, int column, String statement, SQLException error) {

    private static final Logger LOG = LoggerFactory.getLogger(FailedStatement.class);
    private static final int MAX_FIRST_LINE = 100;

    /**
     * The statement of {@code script} that failed with {@code failure}, if running them one by one
     * finds it: on {@code connection}, which holds the session state the earlier files left, or on a
     * new one from {@code template} when the pool closed it (HikariCP closes a connection after some
     * errors, such as SQLSTATE 0A000 for a missing extension).
     */
    static Optional<FailedStatement> locate(Connection connection, DataSource template, String script,
                                            SQLException failure) {
        try {
            if (!connection.isClosed()) {
                return locate(connection, script, failure);
            }
            try (Connection fresh = template.getConnection()) {
                return locate(fresh, script, failure);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not find the failing statement again: {}", e.toString());
            return Optional.empty();
        }
    }

    private static Optional<FailedStatement> locate(Connection connection, String script, SQLException failure)
            throws SQLException {
        SqlScript parsed = SqlScript.of(script);
        List<SqlScript.Statement> statements = parsed.statements();
        boolean autoCommit = connection.getAutoCommit();
        // One statement ran on its own before (maybe one no transaction block allows); several ran in one transaction.
        connection.setAutoCommit(statements.size() == 1);
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false); // the text as it is, so the error position fits it
            for (SqlScript.Statement s : statements) {
                try {
                    statement.execute(s.text());
                } catch (SQLException e) {
                    if (same(e, failure)) {
                        return Optional.of(of(parsed, s, e));
                    }
                    LOG.debug("Run on its own, the statement at line {} failed otherwise: {}", s.line(), e.getMessage());
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } finally {
            undo(connection, autoCommit);
        }
    }

    /** Rolls back what ran again; nothing to do when the pool has closed the connection meanwhile. */
    private static void undo(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.debug("Could not roll back the statements run again: {}", e.toString());
        }
    }

    private static FailedStatement of(SqlScript script, SqlScript.Statement statement, SQLException error) {
        int position = position(error);
        if (position <= 0 || position > statement.text().codePointCount(0, statement.text().length()) + 1) {
            return new FailedStatement(statement.line(), 0, 0, statement.text(), error);
        }
        int offset = statement.offset() + statement.text().offsetByCodePoints(0, position - 1);
        return new FailedStatement(statement.line(), script.lineOf(offset), script.columnOf(offset), statement.text(),
                error);
    }

    /** "at line 7, column 12, in the statement that starts at line 5 (CREATE TABLE orders ()". */
    String describe() {
        String where = errorLine > 0 ? "at line " + errorLine + ", column " + column + ", in the statement that starts "
                + "at line " + line : "in the statement that starts at line " + line;
        return where + " (" + firstLine() + ")";
    }

    private String firstLine() {
        String first = statement.lines().findFirst().orElse("").strip();
        boolean more = first.length() < statement.strip().length();
        if (first.length() > MAX_FIRST_LINE) {
            return first.substring(0, MAX_FIRST_LINE) + " …";
        }
        return more ? first + " …" : first;
    }

    private static int position(SQLException e) {
        ServerErrorMessage message = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return message == null ? 0 : message.getPosition();
    }

    /** The same SQLSTATE and the same first line of the message (the position may differ). */
    private static boolean same(SQLException a, SQLException b) {
        return Objects.equals(a.getSQLState(), b.getSQLState()) && firstLineOf(a).equals(firstLineOf(b));
    }

    private static String firstLineOf(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
