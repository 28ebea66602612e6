package io.github.pgfixture.examples;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The users guide's template example: migrate once with Flyway, clone per test. */
class FlywayTemplateExampleTest {

    // guide: flyway-template
    /** Built once per schema change; its name carries the hash of src/test/resources/db/migration. */
    static final Template APP = Template.flyway("db/migration");

    @Test
    void eachTestGetsAFreshCloneOfTheMigratedSchema() throws Exception {
        try (TemporaryDatabase db = SharedCluster.get().temporaryClone(APP);
             Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO orders (customer_id, total) VALUES (1, 42.00)");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM customers")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2); // reference data from V2 is there
            }
        }
    }
    // guide: end

    @Test
    void constraintsOfTheMigrationsHold() throws Exception {
        try (TemporaryDatabase db = SharedCluster.get().temporaryClone(APP);
             Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO orders (customer_id, total) VALUES (99, 1)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
        }
    }

    @Test
    void writesInOneCloneAreInvisibleToTheNext() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        try (TemporaryDatabase first = cluster.temporaryClone(APP);
             Connection c = first.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM customers WHERE email = 'grace@example.com'");
        }
        try (TemporaryDatabase second = cluster.temporaryClone(APP);
             Connection c = second.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
