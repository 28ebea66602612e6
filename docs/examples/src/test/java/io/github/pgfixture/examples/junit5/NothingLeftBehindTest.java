package io.github.pgfixture.examples.junit5;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.examples.orders.OrderRepository;
import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users guide's "Counting what is left": after the class, this JVM holds no open database of
 * its own, and the background drops of the three clones have run. Ready clones do not count.
 */
class NothingLeftBehindTest {

    @TempDatabase(flyway = "db/migration")
    DataSource db;

    @RepeatedTest(3)
    void eachTestHasItsOwnClone() throws SQLException {
        OrderRepository orders = new OrderRepository(db);

        orders.placeOrder("ada@example.com", BigDecimal.ONE);

        assertThat(orders.totalOf("ada@example.com")).isEqualByComparingTo(BigDecimal.ONE);
    }

    @AfterAll
    static void nothingLeftBehind() {
        SharedCluster cluster = SharedCluster.get();
        assertThat(cluster.openTemporaryDatabases()).isEmpty();       // every database was closed
        assertThat(cluster.awaitDrops(Duration.ofSeconds(10))).isTrue(); // and is dropped by now
    }
}
