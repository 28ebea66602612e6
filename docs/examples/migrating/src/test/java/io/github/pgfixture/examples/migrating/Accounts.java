package io.github.pgfixture.examples.migrating;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The code under test of every before/after pair: two statements against the {@code accounts} table of
 * {@code db/migration}, used by the tests of {@link AccountsContract}.
 */
final class Accounts {

    /**
     * Tests open an account for this owner, and {@code owner} is UNIQUE: if two tests shared a database
     * without cleaning it, the second would fail with a unique violation.
     */
    static final String OWNER = "ada";

    private Accounts() {
    }

    static void open(DataSource dataSource, String owner, String balance) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO accounts (owner, balance) VALUES (?, ?::numeric)")) {
            insert.setString(1, owner);
            insert.setString(2, balance);
            insert.executeUpdate();
        }
    }

    static List<String> owners(DataSource dataSource) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT owner FROM accounts ORDER BY id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
        }
        return owners;
    }
}
