package io.github.pgfixture.examples.migrating;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;

import static io.github.pgfixture.examples.migrating.Accounts.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tests of every before and every after class of this module, whatever tool gives it its database:
 * only the way each class gets {@link #database()} differs. They check that the migrations ran before
 * the test, and that no test sees the rows of another: two of them open {@link Accounts#OWNER}'s
 * account, and the owner is UNIQUE, so both pass only if each had a clean database.
 */
interface AccountsContract {

    /** The database of the running test. */
    DataSource database();

    // migrating: contract
    @RepeatedTest(5) // five tests: the per-test cost in the Surefire reports is a median, not one sample
    default void startsWithoutTheRowsOfOtherTests() throws SQLException {
        assertThat(Accounts.owners(database())).isEmpty();
        Accounts.open(database(), OWNER, "10.00");
        assertThat(Accounts.owners(database())).containsExactly(OWNER);
    }
    // migrating: end

    @Test
    default void ownerIsUnique() throws SQLException {
        Accounts.open(database(), OWNER, "1.00"); // fails too if another test's row were still there
        assertThatThrownBy(() -> Accounts.open(database(), OWNER, "2.00"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
    }

    @Test
    default void checkConstraintOfTheMigrationHolds() {
        assertThatThrownBy(() -> Accounts.open(database(), OWNER, "-1.00"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"));
    }
}
