package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** One JDBC connection to the cluster's {@code postgres} database, held open for the run, for DDL by hand. */
final class AdminConnection implements AutoCloseable {

    private final Connection connection;

    AdminConnection(SharedCluster cluster) throws SQLException {
        connection = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
    }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
