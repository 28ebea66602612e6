package io.github.pgfixture.benchmarks.spring.app;

import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tests every scenario runs: {@value #TESTS} tests that each write three rows and count them, so
 * each must start on an empty table (isolation is checked, not assumed).
 */
public abstract class BenchTests {

    /** Tests per class and round. */
    public static final int TESTS = 30;

    @Autowired
    JdbcTemplate jdbc;

    @RepeatedTest(TESTS)
    void writesAndCounts() {
        for (int i = 0; i < 3; i++) {
            jdbc.update("INSERT INTO t01 (name) VALUES (?)", "row " + i);
        }
        assertEquals(3, jdbc.queryForObject("SELECT count(*) FROM t01", Integer.class));
    }
}
