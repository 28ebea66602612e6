package io.github.pgfixture.examples.migrating;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;

/**
 * After: {@link OtjBeforeTest} on pgfixture's library API, with no test-framework adapter (what a user of
 * otj's {@code PreparedDbProvider} outside JUnit's extensions would write). No Docker.
 */
class OtjAfterTest implements AccountsContract {

    // migrating: otj-after
    static final Template APP = Template.flyway("db/migration");

    TemporaryDatabase db;

    @BeforeEach
    void newDatabase() {
        db = SharedCluster.get().temporaryClone(APP); // a clone of the migrated template
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }
    // migrating: end

    @Override
    public DataSource database() {
        return db.dataSource();
    }
}
