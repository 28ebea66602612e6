package io.github.pgfixture.examples.testng;

import io.github.pgfixture.examples.orders.OrderRepository;
import io.github.pgfixture.testng.PgFixtureListener;
import io.github.pgfixture.testng.TempDatabase;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Listeners;
import org.testng.annotations.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/testng.md: the database in a field. This module runs TestNG with {@code parallel="methods"}, where
 * one instance runs several methods at once and a field cannot hold a database per method; so this class
 * asks TestNG to run its methods one after the other on one thread.
 */
// testng: fields
@Listeners(PgFixtureListener.class)
@TempDatabase(flyway = "db/migration")
@Test(singleThreaded = true) // needed for fields under parallel="methods" only
public class OrderRepositoryFieldsTest {

    @TempDatabase
    DataSource db; // a new database before each test method, dropped after it

    OrderRepository orders;

    @BeforeMethod
    public void setUp() {
        orders = new OrderRepository(db); // the same database as the test method's
    }

    public void placedOrdersAddUp() throws Exception {
        orders.placeOrder("ada@example.com", new BigDecimal("10.00"));
        orders.placeOrder("ada@example.com", new BigDecimal("32.50"));

        assertThat(orders.totalOf("ada@example.com")).isEqualByComparingTo("42.50");
    }

    public void eachMethodStartsFromTheMigratedSchema() throws Exception {
        assertThat(orders.totalOf("ada@example.com")).isEqualByComparingTo("0");
    }
}
// testng: end
