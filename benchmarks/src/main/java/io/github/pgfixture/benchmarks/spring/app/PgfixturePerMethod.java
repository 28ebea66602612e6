package io.github.pgfixture.benchmarks.spring.app;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import io.github.pgfixture.spring.AutoConfigureTempDatabase.Isolation;
import org.springframework.boot.test.context.SpringBootTest;

/** pgfixture-spring: the context's DataSource moves to a fresh clone before each test. */
@SpringBootTest
@AutoConfigureTempDatabase(isolation = Isolation.METHOD)
public class PgfixturePerMethod extends BenchTests {
}
