package io.github.pgfixture.examples.testng;

import io.github.pgfixture.examples.orders.OrderRepository;
import io.github.pgfixture.testng.PgFixtureListener;
import io.github.pgfixture.testng.TempDatabase;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Listeners;
import org.testng.annotations.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/testng.md: the database as data provider arguments, the way that is safe under
 * {@code parallel="methods"} (this module runs its TestNG classes so, with four threads: see
 * src/test/resources/junit-platform.properties).
 */
// testng: provider
@Listeners(PgFixtureListener.class)
@TempDatabase(flyway = "db/migration")
public class OrderRepositoryProviderTest {

    @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
    public void ordersAddUp(DataSource db) throws Exception {
        OrderRepository orders = new OrderRepository(db);
        orders.placeOrder("ada@example.com", new BigDecimal("10.00"));
        orders.placeOrder("ada@example.com", new BigDecimal("32.50"));

        assertThat(orders.totalOf("ada@example.com")).isEqualByComparingTo("42.50");
    }
    // testng: end

    // testng: provider-before-method
    /** {@code @BeforeMethod} can take the test method's arguments: the database the test method gets. */
    @BeforeMethod
    public void addAnOrderForGrace(Object[] arguments) throws Exception {
        for (Object argument : arguments) {
            if (argument instanceof DataSource db) {
                new OrderRepository(db).placeOrder("grace@example.com", new BigDecimal("7.00"));
            }
        }
    }

    @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
    public void seesTheOrderOfItsBeforeMethod_andNoOtherTestsOrders(DataSource db, Connection connection)
            throws Exception {
        assertThat(new OrderRepository(db).totalOf("grace@example.com")).isEqualByComparingTo("7.00");
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
    // testng: end
}
