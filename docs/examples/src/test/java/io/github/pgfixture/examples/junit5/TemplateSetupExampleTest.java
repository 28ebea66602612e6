package io.github.pgfixture.examples.junit5;

import io.github.pgfixture.TemplateSetup;
import io.github.pgfixture.TemporaryDatabase;
import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/junit5.md, templates: code that migrates the template, and an empty database. */
class TemplateSetupExampleTest {

    /** Runs once per version: change the version whenever this code changes. */
    static class Inventory implements TemplateSetup {
        @Override
        public void setUp(DataSource template) throws SQLException {
            try (Connection connection = template.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE items (sku text PRIMARY KEY, stock int NOT NULL)");
                statement.execute("INSERT INTO items VALUES ('pen', 10), ('ink', 3)");
            }
        }
    }

    @Test
    void startsWithWhatTheSetupMade(@TempDatabase(setup = Inventory.class, version = "1") TemporaryDatabase db)
            throws SQLException {
        assertThat(count(db.dataSource(), "SELECT count(*) FROM items")).isEqualTo(2);
    }

    @Test
    void noTemplateNamed_emptyDatabase(@TempDatabase DataSource db) throws SQLException {
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }

    private static int count(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
