package io.github.pgfixture.benchmarks.spring.app;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD;

/**
 * Isolation by a new context for each test: @DirtiesContext after each method. The database is a
 * pgfixture clone made when each context starts, so the row measures the context's restart.
 */
@SpringBootTest
@AutoConfigureTempDatabase
@DirtiesContext(classMode = AFTER_EACH_TEST_METHOD)
public class DirtiesContextPerMethod extends BenchTests {
}
