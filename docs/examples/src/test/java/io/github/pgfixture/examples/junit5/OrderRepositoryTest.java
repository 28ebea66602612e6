package io.github.pgfixture.examples.junit5;

import io.github.pgfixture.examples.orders.OrderRepository;
import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/junit5.md, quick start: one annotation, a migrated database of the test's own. */
class OrderRepositoryTest {

    @Test
    void ordersOfACustomerAddUp(@TempDatabase(flyway = "db/migration") DataSource db) throws SQLException {
        OrderRepository orders = new OrderRepository(db);

        orders.placeOrder("ada@example.com", new BigDecimal("12.50"));
        orders.placeOrder("ada@example.com", new BigDecimal("7.50"));

        assertThat(orders.totalOf("ada@example.com")).isEqualByComparingTo("20.00");
    }

    @Test
    void noOrdersOfAnotherTest(@TempDatabase(flyway = "db/migration") DataSource db) throws SQLException {
        assertThat(new OrderRepository(db).totalOf("ada@example.com")).isZero();
    }
}
