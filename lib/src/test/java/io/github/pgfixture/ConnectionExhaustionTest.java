package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server with every connection slot taken (SQLSTATE 53300, "sorry, too many clients already") is
 * reported as such, with the counts and the remedies. On an embedded cluster of its own with
 * {@code pgfixture.max-connections=10}, filled up with plain JDBC connections.
 */
class ConnectionExhaustionTest {

    private static final int MAX_CONNECTIONS = 10;

    private static SharedCluster own;
    private final List<Connection> hogs = new ArrayList<>();

    @BeforeAll
    static void bootAClusterOfItsOwn() {
        own = SharedCluster.open(Settings.of(Map.of(Settings.MAX_CONNECTIONS, Integer.toString(MAX_CONNECTIONS),
                Settings.READY_CLONES, "0", Settings.CONNECTIONS_PER_DATABASE, "3")));
    }

    @AfterAll
    static void stopIt() {
        if (own != null) {
            own.close();
        }
    }

    @AfterEach
    void releaseTheSlots() throws SQLException {
        for (Connection c : hogs) {
            c.close();
        }
    }

    /** Opens connections until the server refuses one with 53300; returns how many it took. */
    private int takeEveryConnectionSlot() throws SQLException {
        for (int i = 0; i < 2 * MAX_CONNECTIONS; i++) {
            try {
                hogs.add(DriverManager.getConnection(own.jdbcUrl("postgres") + "&ApplicationName=hog"));
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("53300");
                return hogs.size();
            }
        }
        throw new AssertionError("the server accepted " + hogs.size() + " connections with max_connections "
                + MAX_CONNECTIONS);
    }

    @Test
    void dataSource_withNoConnectionSlotLeft_saysSo_withTheCountsAndTheRemedies() throws Exception {
        try (TemporaryDatabase db = own.temporaryDatabase("exhausted_" + System.nanoTime())) {
            int taken = takeEveryConnectionSlot();

            assertThatThrownBy(db::dataSource)
                    .isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining("Cannot connect to database \"" + db.name() + "\"")
                    .hasMessageContaining("no connection slot left")
                    .hasMessageContaining("SQLSTATE 53300")
                    .hasMessageContaining("of max_connections " + MAX_CONNECTIONS)
                    .hasMessageContaining(taken + " by other clients")
                    .hasMessageContaining("pgfixture.connections-per-database (3 here)")
                    .hasMessageContaining("pgfixture.max-connections")
                    .hasMessageNotContaining("dropped behind");
        }
    }

    @Test
    void ensureTemplateExists_withNoConnectionSlotLeft_saysSo_andTheRemedies() throws Exception {
        takeEveryConnectionSlot();

        assertThatThrownBy(() -> own.ensureTemplateExists("exhausted_template", ds -> { }))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("SQLSTATE 53300")
                .hasMessageContaining("no connection slot left")
                .hasMessageContaining("of max_connections " + MAX_CONNECTIONS)
                .hasMessageContaining("pgfixture.max-connections")
                .hasMessageNotContaining("See PostgreSQL's message above");
    }
}
