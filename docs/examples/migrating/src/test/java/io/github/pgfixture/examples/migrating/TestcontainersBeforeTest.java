package io.github.pgfixture.examples.migrating;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Before: Testcontainers' PostgreSQL module and JUnit 5 extension, one container for the class, migrated
 * once and cleaned after each test. Needs Docker, so without it this class is skipped.
 */
@RequiresDocker
// migrating: testcontainers-before
@Testcontainers
class TestcontainersBeforeTest implements AccountsContract {

    @Container
    static PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:18-alpine");

    static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(postgres.getJdbcUrl());
        pg.setUser(postgres.getUsername());
        pg.setPassword(postgres.getPassword());
        dataSource = pg;
        Flyway.configure().dataSource(dataSource).locations("db/migration").load().migrate();
    }

    @AfterEach
    void cleanUp() throws SQLException { // every test shares the one database
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE accounts RESTART IDENTITY");
        }
    }
    // migrating: end

    @Override
    public DataSource database() {
        return dataSource;
    }
}
