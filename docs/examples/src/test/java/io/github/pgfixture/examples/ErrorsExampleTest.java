package io.github.pgfixture.examples;

import io.github.pgfixture.DatabaseExistsException;
import io.github.pgfixture.DatabaseInUseException;
import io.github.pgfixture.SharedCluster;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The users guide's Errors section: PostgreSQL's refusals as exception types of their own. */
class ErrorsExampleTest {

    private final SharedCluster cluster = SharedCluster.get();

    @Test
    void aDropThatMeetsAnotherSession_isADatabaseInUseException_andAForcedDropEndsIt() throws Exception {
        cluster.createDatabase("orders_in_use");
        try (Connection someoneElse = DriverManager.getConnection(cluster.jdbcUrl("orders_in_use"))) {
            // users guide: errors
            try {
                cluster.dropDatabase("orders_in_use");
            } catch (DatabaseInUseException e) {
                cluster.forceDropDatabase(e.database()); // someone is still connected: end their sessions
            }
            // users guide: end
            assertThat(someoneElse.isValid(1)).isFalse();
        }
        assertThat(cluster.databaseExists("orders_in_use")).isFalse();
    }

    @Test
    void aNameThatIsTaken_isADatabaseExistsException_namingIt() {
        cluster.createDatabase("orders_test_2");
        try {
            assertThatThrownBy(() -> cluster.createDatabase("orders_test_2"))
                    .isInstanceOfSatisfying(DatabaseExistsException.class,
                            e -> assertThat(e.database()).isEqualTo("orders_test_2"))
                    .hasMessageContaining("SQLSTATE 42P04");
        } finally {
            cluster.dropDatabase("orders_test_2");
        }
    }
}
