package io.github.pgfixture.examples.migrating;

import io.github.pgfixture.junit5.TempDatabase;

import javax.sql.DataSource;

/** After: {@link ZonkyBeforeTest} on pgfixture's JUnit 5 adapter. */
class ZonkyAfterTest implements AccountsContract {

    // migrating: zonky-after
    @TempDatabase(flyway = "db/migration") // static: one for the class
    DataSource dataSource; // a clone of the migrated template for every test, dropped after it

    @Override
    public DataSource database() {
        return dataSource;
    }
    // migrating: end
}
