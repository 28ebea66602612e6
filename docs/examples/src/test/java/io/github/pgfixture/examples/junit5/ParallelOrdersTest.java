package io.github.pgfixture.examples.junit5;

import io.github.pgfixture.examples.orders.OrderRepository;
import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/junit5.md, parallel execution: src/test/resources/junit-platform.properties turns it on;
 * this class runs its tests concurrently (the other examples keep JUnit's default, one at a time).
 */
@Execution(ExecutionMode.CONCURRENT)
class ParallelOrdersTest {

    @TempDatabase(flyway = "db/migration")
    DataSource db;

    @RepeatedTest(20)
    void concurrentTestsNeverSeeEachOthersRows(RepetitionInfo repetition) throws SQLException {
        OrderRepository orders = new OrderRepository(db);
        BigDecimal total = BigDecimal.valueOf(repetition.getCurrentRepetition());

        orders.placeOrder("grace@example.com", total);

        assertThat(orders.totalOf("grace@example.com")).isEqualByComparingTo(total);
    }
}
