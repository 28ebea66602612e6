package io.github.pgfixture.internal.template;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.TemplateSetup;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code .sql} files of a location in natural name order ({@code 2_x.sql} before
 * {@code 10_x.sql}), each file as one JDBC execution, so each file's statements commit together.
 */
public final class SqlFilesSetup implements TemplateSetup {

    private static final Pattern DIGITS = Pattern.compile("\\d+|\\D+");

    private final String location;
    private final Supplier<List<Resources.Entry>> files;

    public SqlFilesSetup(String location, Supplier<List<Resources.Entry>> files) {
        this.location = location;
        this.files = files;
    }

    /** Only the .sql files, in natural order. */
    public static List<Resources.Entry> sqlFiles(List<Resources.Entry> all) {
        return all.stream().filter(e -> e.path().endsWith(".sql")).sorted(Comparator.comparing(Resources.Entry::path,
                SqlFilesSetup::compareNatural)).toList();
    }

    @Override
    public void setUp(DataSource template) throws SQLException {
        List<Resources.Entry> sql = sqlFiles(files.get());
        if (sql.isEmpty()) {
            throw new PgFixtureException("The location " + location + " has no .sql files. Check the location.");
        }
        try (Connection connection = template.getConnection(); Statement statement = connection.createStatement()) {
            for (Resources.Entry file : sql) {
                try {
                    statement.execute(new String(file.content(), StandardCharsets.UTF_8));
                } catch (SQLException e) {
                    throw new PgFixtureException("Migration file " + file.path() + " (in " + location + ") failed: "
                            + e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
                }
            }
        }
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
