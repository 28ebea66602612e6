package io.github.pgfixture.examples.orders;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The code under test in the README's and the users guide's examples: orders of customers, over the
 * schema in {@code src/test/resources/db/migration}.
 */
public final class OrderRepository {

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Places an order for the customer with {@code email}; returns the order's id. */
    public long placeOrder(String email, BigDecimal total) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO orders (customer_id, total) SELECT id, ? FROM customers WHERE email = ? RETURNING id")) {
            ps.setBigDecimal(1, total);
            ps.setString(2, email);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No customer with e-mail " + email, "02000");
                }
                return rs.getLong(1);
            }
        }
    }

    /** The sum of the orders of the customer with {@code email}; zero when there are none. */
    public BigDecimal totalOf(String email) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT coalesce(sum(o.total), 0) FROM orders o JOIN customers cu ON cu.id = o.customer_id WHERE cu.email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }
}
