package io.github.pgfixture;

import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A TemporaryDatabase whose database was dropped by name through SharedCluster counts as dropped:
 * its close, drop and forceDrop do nothing, warn nothing, and never reach a new database that
 * reuses the name.
 */
class DroppedByNameTest {

    private final SharedCluster cluster = SharedCluster.get();

    @Test
    void forceDropDatabase_whileTheHandlesPoolIsConnected_thenClose_doesNothingToANewDatabaseOfThatName()
            throws Exception {
        TemporaryDatabase handle = cluster.temporaryDatabase("byname_forced");
        try (Connection c = handle.dataSource().getConnection()) {
            c.createStatement().execute("SELECT 1");
        }
        try (LogCapture log = LogCapture.start()) {
            cluster.forceDropDatabase("byname_forced");
            cluster.createDatabase("byname_forced"); // someone else's now

            handle.close();
            handle.drop();
            handle.forceDrop();

            cluster.awaitBackgroundWork();
            assertThat(cluster.databaseExists("byname_forced")).isTrue();
            assertThat(log.warnings(TemporaryDatabase.class)).noneMatch(line -> line.contains("byname_forced"));
        } finally {
            cluster.dropDatabase("byname_forced");
        }
        assertThatThrownBy(handle::dataSource).isInstanceOf(PgFixtureException.class).hasMessageContaining("has been dropped");
    }

    @Test
    void dropDatabase_ofAnUnusedHandle_thenDrop_doesNotFailOnTheMissingDatabase() {
        TemporaryDatabase handle = cluster.temporaryDatabase("byname_plain");
        cluster.dropDatabase("byname_plain");

        handle.drop(); // would be "database does not exist" if the handle still thought it owned one
        handle.close();

        assertThat(cluster.databaseExists("byname_plain")).isFalse();
    }

    @Test
    void keptHandle_droppedByName_thenDropAndForceDrop_leaveANewDatabaseOfThatNameAlone() {
        TemporaryDatabase handle = cluster.temporaryDatabase("byname_kept");
        handle.keep();
        cluster.forceDropDatabase("byname_kept");
        assertThat(cluster.keepsRunningAfterExit()).isFalse();
        cluster.createDatabase("byname_kept");
        try {
            handle.drop();
            handle.forceDrop();
            handle.close();

            assertThat(cluster.databaseExists("byname_kept")).isTrue();
        } finally {
            cluster.dropDatabase("byname_kept");
        }
    }

    @Test
    void handle_whoseDatabaseWasDroppedBySqlOfItsOwn_andTheNameHandedOutAgain_neverTouchesTheNewDatabase() {
        TemporaryDatabase old = cluster.emptyTemporaryDatabase("byname_behind");
        Sql.execute(cluster.jdbcUrl("postgres"), "DROP DATABASE byname_behind WITH (FORCE)"); // not through pgfixture
        try (TemporaryDatabase fresh = cluster.emptyTemporaryDatabase("byname_behind")) {
            old.close();
            old.forceDrop();

            assertThat(cluster.databaseExists("byname_behind")).isTrue();
            assertThat(cluster.openTemporaryDatabases()).contains(fresh.name());
        }
        assertThat(cluster.databaseExists("byname_behind")).isFalse();
    }
}
