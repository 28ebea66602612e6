package io.github.pgfixture.examples.migrating;

import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import javax.sql.DataSource;

import static io.zonky.test.db.AutoConfigureEmbeddedDatabase.DatabaseProvider.ZONKY;
import static io.zonky.test.db.AutoConfigureEmbeddedDatabase.RefreshMode.AFTER_EACH_TEST_METHOD;

/**
 * Before: embedded-database-spring-test in a minimal Spring test context, with the Zonky provider (its
 * default provider needs Docker). Runs for real.
 */
// migrating: spring-before
@SpringJUnitConfig(SpringBeforeTest.Config.class)
@AutoConfigureEmbeddedDatabase(provider = ZONKY, refresh = AFTER_EACH_TEST_METHOD)
class SpringBeforeTest implements AccountsContract {

    @Configuration
    static class Config {
        // no DataSource bean: the annotation adds one (or replaces the application's)
        @Bean(initMethod = "migrate")
        Flyway flyway(DataSource dataSource) {
            return Flyway.configure().dataSource(dataSource).locations("db/migration").load();
        }
    }

    @Autowired
    DataSource dataSource;

    // migrating: end

    @Override
    public DataSource database() {
        return dataSource;
    }
}
