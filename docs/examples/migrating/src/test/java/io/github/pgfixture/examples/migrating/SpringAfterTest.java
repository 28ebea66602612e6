package io.github.pgfixture.examples.migrating;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import io.github.pgfixture.spring.AutoConfigureTempDatabase.Isolation;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import javax.sql.DataSource;

/**
 * After: {@link SpringBeforeTest} with the database from pgfixture-spring, in the same Spring test
 * context: one annotation, and each test method runs on a fresh clone of the migrated template.
 */
// migrating: spring-after
@SpringJUnitConfig(SpringAfterTest.Config.class)
@AutoConfigureTempDatabase(flyway = "db/migration", isolation = Isolation.METHOD)
class SpringAfterTest implements AccountsContract {

    @Configuration
    static class Config {
        // no DataSource bean: the annotation adds one (or replaces the application's)
        @Bean(initMethod = "migrate") // may stay: it finds the start-up clone migrated already
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
