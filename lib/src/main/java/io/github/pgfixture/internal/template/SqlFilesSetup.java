package io.github.pgfixture.internal.template;

import io.github.pgfixture.PgFixtureException;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code .sql} files of a location in natural name order ({@code 2_x.sql} before
 * {@code 10_x.sql}), each file as one JDBC execution in one transaction, so each file's statements
 * commit together (a file of one statement runs outside a transaction block, as psql would run it).
 * A failing file is reported with the line and the first line of the statement that failed.
 */
final class SqlFilesSetup implements Migration {

    private static final Pattern DIGITS = Pattern.compile("\\d+|\\D+");

    private final String location;
    private final Supplier<List<Resources.Entry>> files;

    SqlFilesSetup(String location, Supplier<List<Resources.Entry>> files) {
        this.location = location;
        this.files = files;
    }

    /** Only the .sql files, in natural order. */
    static List<Resources.Entry> sqlFiles(List<Resources.Entry> all) {
        return all.stream().filter(e -> e.path().endsWith(".sql")).sorted(Comparator.comparing(Resources.Entry::path,
                SqlFilesSetup::compareNatural)).toList();
    }

    @Override
    public void migrate(DataSource template) throws SQLException {
        List<Resources.Entry> sql = sqlFiles(files.get());
        if (sql.isEmpty()) {
            throw new PgFixtureException("The location " + location + " has no .sql files. Check the location.");
        }
        try (Connection connection = template.getConnection(); Statement statement = connection.createStatement()) {
            for (Resources.Entry file : sql) {
                String script = new String(file.content(), StandardCharsets.UTF_8);
                // PgJDBC syncs within a long script (so a big file would commit in parts); one transaction
                // keeps the file whole. A lone statement runs on its own, as it may be one (VACUUM,
                // CREATE INDEX CONCURRENTLY) that no transaction block allows.
                boolean transaction = SqlScript.of(script).statements().size() > 1;
                connection.setAutoCommit(!transaction);
                try {
                    statement.execute(script);
                    if (transaction) {
                        connection.commit();
                    }
                } catch (SQLException e) {
                    if (transaction) {
                        rollback(connection, e);
                    }
                    throw failed(file, script, connection, template, e);
                }
            }
        }
    }

    /** Unless HikariCP closed the connection after the error, as it does after some. */
    private static void rollback(Connection connection, SQLException failure) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Names the file and, where it can be found, the line and the statement (see {@link FailedStatement}). */
    private PgFixtureException failed(Resources.Entry file, String script, Connection connection,
                                      DataSource template, SQLException e) {
        Optional<FailedStatement> found = FailedStatement.locate(connection, template, script, e);
        SQLException error = found.map(FailedStatement::error).orElse(e);
        if (error != e) {
            error.addSuppressed(e);
        }
        return new PgFixtureException("Migration file " + file.path() + " (in " + location + ") failed"
                + found.map(f -> " " + f.describe()).orElse("") + ": " + error.getMessage()
                + (error.getSQLState() == null ? "" : " (SQLSTATE " + error.getSQLState() + ")"), error);
    }

    static int compareNatural(String a, String b) {
        Matcher ma = DIGITS.matcher(a);
        Matcher mb = DIGITS.matcher(b);
        while (ma.find() && mb.find()) {
            String pa = ma.group();
            String pb = mb.group();
            int c;
            if (Character.isDigit(pa.charAt(0)) && Character.isDigit(pb.charAt(0))) {
                c = new java.math.BigInteger(pa).compareTo(new java.math.BigInteger(pb));
            } else {
                c = pa.compareTo(pb);
            }
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }
}
