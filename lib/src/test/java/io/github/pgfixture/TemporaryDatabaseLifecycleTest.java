package io.github.pgfixture;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** name, url, dataSource, and the three ways to end a TemporaryDatabase: drop, forceDrop, close. */
class TemporaryDatabaseLifecycleTest {

    private final SharedCluster cluster = SharedCluster.get();

    private static int pidOf(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void url_opensTheDatabaseWithDriverManagerAndNoOtherArgument() throws Exception {
        try (TemporaryDatabase db = cluster.temporaryDatabase("life_url")) {
            assertThat(db.name()).isEqualTo("life_url");
            assertThat(db.url()).isEqualTo(cluster.jdbcUrl("life_url"));
            try (Connection c = DriverManager.getConnection(db.url());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("life_url");
            }
        }
    }

    @Test
    void dataSource_isMadeOnFirstUse_andIsTheSameInstanceAfterwards() {
        try (TemporaryDatabase db = cluster.temporaryDatabase("life_datasource")) {
            assertThat(Sql.sessionsOn(cluster, "life_datasource")).as("no pool before the first call").isZero();

            DataSource first = db.dataSource();

            assertThat(Sql.sessionsOn(cluster, "life_datasource")).isPositive();
            assertThat(db.dataSource()).isSameAs(first);
        }
    }

    @Test
    void drop_closesItsOwnPoolFirst_evenABorrowedConnection() throws Exception {
        TemporaryDatabase db = cluster.temporaryDatabase("life_own_pool");
        Connection borrowed = db.dataSource().getConnection();

        db.drop();

        assertThat(cluster.databaseExists("life_own_pool")).isFalse();
        assertThat(borrowed.isValid(1)).as("the borrowed connection was ended with the pool").isFalse();
        assertThatThrownBy(db::dataSource).isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("\"life_own_pool\" has been dropped");
    }

    @Test
    void drop_whileAnotherSessionIsConnected_failsAndKeepsTheDatabase_thenDropsOnceItLeft() throws Exception {
        TemporaryDatabase db = cluster.temporaryDatabase("life_drop_refused");
        try (Connection other = Sql.connect(cluster, "life_drop_refused", "life-other")) {
            Sql.execute(cluster, "life_drop_refused", "CREATE TABLE marker AS SELECT 1 AS kept");

            assertThatThrownBy(db::drop).isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining("\"life_drop_refused\"").hasMessageContaining("(SQLSTATE 55006)");

            assertThat(Sql.queryOne(cluster, "life_drop_refused", "SELECT kept FROM marker")).isEqualTo("1");
            assertThat(other.isValid(1)).isTrue();
        }
        db.drop();
        assertThat(cluster.databaseExists("life_drop_refused")).isFalse();
    }

    @Test
    void forceDrop_terminatesOtherSessionsAndDrops() throws Exception {
        TemporaryDatabase db = cluster.temporaryDatabase("life_force");
        try (Connection other = Sql.connect(cluster, "life_force", "life-other")) {
            db.forceDrop();

            assertThat(cluster.databaseExists("life_force")).isFalse();
            assertThat(other.isValid(1)).isFalse();
        }
    }

    @Test
    void close_withAnotherSessionConnected_warnsNamingIt_thenForceDrops() throws Exception {
        TemporaryDatabase db = cluster.temporaryDatabase("life_close_warns");
        db.dataSource(); // our own pool's session is not "another" one
        try (Connection other = Sql.connect(cluster, "life_close_warns", "life-straggler");
             LogCapture log = LogCapture.start()) {
            int pid = pidOf(other);
            other.createStatement().execute("SELECT 'left behind by a test'");

            db.close();

            assertThat(log.warnings(TemporaryDatabase.class)).singleElement().asString()
                    .contains("\"life_close_warns\" still had 1 other session(s)");
            assertThat(log.text()).contains("pid " + pid + " application_name='life-straggler' state=idle "
                    + "last query: SELECT 'left behind by a test'");
            assertThat(cluster.databaseExists("life_close_warns")).isFalse();
            assertThat(other.isValid(1)).isFalse();
        }
    }

    @Test
    void close_isIdempotentAndNeverThrows_afterDropForceDropOrADropBehindItsBack() {
        TemporaryDatabase twice = cluster.temporaryDatabase("life_twice");
        twice.close();
        TemporaryDatabase dropped = cluster.temporaryDatabase("life_dropped");
        dropped.drop();
        TemporaryDatabase forced = cluster.temporaryDatabase("life_forced");
        forced.forceDrop();
        TemporaryDatabase behindItsBack = cluster.temporaryDatabase("life_behind");
        behindItsBack.dataSource();
        Sql.execute(cluster, "postgres", "DROP DATABASE life_behind WITH (FORCE)");

        try (LogCapture log = LogCapture.start()) {
            for (TemporaryDatabase db : new TemporaryDatabase[] {twice, dropped, forced, behindItsBack}) {
                assertThatCode(db::close).doesNotThrowAnyException();
                assertThatCode(db::close).doesNotThrowAnyException();
            }
            assertThat(log.warnings(TemporaryDatabase.class)).isEmpty();
        }
        assertThat(Sql.databases(cluster)).doesNotContain("life_twice", "life_dropped", "life_forced", "life_behind");
    }
}
