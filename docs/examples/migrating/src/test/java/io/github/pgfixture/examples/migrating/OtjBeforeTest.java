package io.github.pgfixture.examples.migrating;

import com.opentable.db.postgres.embedded.FlywayPreparer;
import com.opentable.db.postgres.junit5.EmbeddedPostgresExtension;
import com.opentable.db.postgres.junit5.PreparedDbExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Before: otj-pg-embedded 1.x and its JUnit 5 extension. Since 1.0 it runs PostgreSQL in Docker through
 * Testcontainers, so without Docker this class is skipped.
 */
@RequiresDocker
class OtjBeforeTest implements AccountsContract {

    // migrating: otj-before
    @RegisterExtension
    static PreparedDbExtension db = EmbeddedPostgresExtension.preparedDatabase(
            FlywayPreparer.forClasspathLocation("db/migration"))
            .customize(builder -> builder.setTag("18-alpine")); // its default image is PostgreSQL 13

    DataSource dataSource;

    @BeforeEach
    void newDatabase() throws SQLException {
        dataSource = db.getDbProvider().createDataSource(); // a database of its own per test
    }
    // migrating: end

    @Override
    public DataSource database() {
        return dataSource;
    }
}
