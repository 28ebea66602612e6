package io.github.pgfixture.examples;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first example: a database of its own for one test, dropped at the end of the block. */
class TryWithResourcesExampleTest {

    @Test
    void aTestGetsItsOwnDatabaseAndItIsGoneAfterwards() throws Exception {
        // README: try-with-resources
        try (TemporaryDatabase db = SharedCluster.get().emptyTemporaryDatabase("orders_test_1");
             Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL)");
            statement.execute("INSERT INTO orders VALUES (1, 9.99)");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM orders")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        } // dropped here, whatever the test did
        // README: end
        assertThat(SharedCluster.get().databaseExists("orders_test_1")).isFalse();
    }
}
