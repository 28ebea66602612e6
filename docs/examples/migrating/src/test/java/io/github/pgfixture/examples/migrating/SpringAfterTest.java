package io.github.pgfixture.examples.migrating;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import javax.sql.DataSource;

/**
 * After: {@link SpringBeforeTest} with the database from pgfixture, in the same Spring test context.
 * pgfixture has no Spring integration: the context gets one clone as a bean, and each test empties it.
 */
// migrating: spring-after
@SpringJUnitConfig(SpringAfterTest.Config.class)
class SpringAfterTest implements AccountsContract {

    @Configuration
    static class Config {
        static final Template APP = Template.flyway("db/migration");

        @Bean(destroyMethod = "close") // dropped when Spring closes the context
        TemporaryDatabase database() {
            return SharedCluster.get().temporaryClone(APP);
        }

        @Bean(destroyMethod = "") // the TemporaryDatabase owns and closes its pool
        DataSource dataSource(TemporaryDatabase database) {
            return database.dataSource();
        }
    }

    @Autowired
    DataSource dataSource;

    @AfterEach
    void emptyTheTables(@Autowired TemporaryDatabase database) {
        database.reset(); // TRUNCATE of every table: what refresh = AFTER_EACH_TEST_METHOD was for
    }
    // migrating: end

    @Override
    public DataSource database() {
        return dataSource;
    }
}
