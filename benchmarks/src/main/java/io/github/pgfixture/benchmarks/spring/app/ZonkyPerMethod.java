package io.github.pgfixture.benchmarks.spring.app;

import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import org.springframework.boot.test.context.SpringBootTest;

import static io.zonky.test.db.AutoConfigureEmbeddedDatabase.DatabaseProvider.ZONKY;
import static io.zonky.test.db.AutoConfigureEmbeddedDatabase.RefreshMode.AFTER_EACH_TEST_METHOD;

/** embedded-database-spring-test with zonky's embedded PostgreSQL, refreshed after each test. */
@SpringBootTest
@AutoConfigureEmbeddedDatabase(provider = ZONKY, refresh = AFTER_EACH_TEST_METHOD)
public class ZonkyPerMethod extends BenchTests {
}
