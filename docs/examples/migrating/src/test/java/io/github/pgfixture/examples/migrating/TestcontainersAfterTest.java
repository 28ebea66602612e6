package io.github.pgfixture.examples.migrating;

import io.github.pgfixture.junit5.TempDatabase;

import javax.sql.DataSource;

/**
 * After: {@link TestcontainersBeforeTest} on pgfixture's JUnit 5 adapter: no container, no clean-up code,
 * a database of its own per test. No Docker.
 */
// migrating: testcontainers-after
@TempDatabase(flyway = "db/migration") // the template for every @TempDatabase below that names none
class TestcontainersAfterTest implements AccountsContract {

    @TempDatabase
    DataSource dataSource; // a clone per test, dropped after it: nothing to clean
    // migrating: end

    @Override
    public DataSource database() {
        return dataSource;
    }
}
