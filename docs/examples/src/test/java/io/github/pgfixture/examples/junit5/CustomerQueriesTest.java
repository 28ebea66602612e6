package io.github.pgfixture.examples.junit5;

import io.github.pgfixture.TemporaryDatabase;
import io.github.pgfixture.examples.orders.OrderRepository;
import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/junit5.md: the types, fields and lifecycle methods, a class-level template, @Nested, invocations. */
@TempDatabase(flyway = "db/migration") // the template of every @TempDatabase in this class that names none
class CustomerQueriesTest {

    @TempDatabase
    static TemporaryDatabase shared; // one database for the whole class, dropped after its last test

    @TempDatabase
    DataSource db; // one database per test: the same one in @BeforeEach, the test and @AfterEach

    @BeforeEach
    void addACustomer(@TempDatabase Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO customers (email) VALUES ('linus@example.com')");
        }
    }

    @Test
    void seesTheCustomerAddedBeforeIt(@TempDatabase String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) { // url: credentials included
            assertThat(customers(connection)).isEqualTo(3); // two from the migrations, one from @BeforeEach
        }
    }

    @Test
    void classWideDatabaseIsAnother() throws SQLException {
        try (Connection connection = shared.dataSource().getConnection()) {
            assertThat(customers(connection)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "grace@example.com", "linus@example.com"})
    void eachInvocationHasADatabaseOfItsOwn(String email) throws SQLException {
        OrderRepository orders = new OrderRepository(db);
        orders.placeOrder(email, BigDecimal.TEN);

        assertThat(orders.totalOf(email)).isEqualByComparingTo("10");
    }

    @RepeatedTest(3)
    void soDoesEachRepetition(@TempDatabase TemporaryDatabase own) throws SQLException {
        try (Connection connection = db.getConnection()) {
            assertThat(connection.getCatalog()).isEqualTo(own.name()); // the field's database is the test's
            assertThat(customers(connection)).isEqualTo(3);
        }
    }

    @Nested
    class WhenOrdering {

        @Test
        void nestedTestsSeeTheOuterFields() throws SQLException {
            new OrderRepository(db).placeOrder("linus@example.com", BigDecimal.ONE);

            assertThat(new OrderRepository(db).totalOf("linus@example.com")).isEqualByComparingTo("1");
        }
    }

    private static int customers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
