package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.internal.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * pgfixture attached to a server it did not start ({@code pgfixture.url}): here a second embedded
 * cluster, booted by the test, stands in for the user's server.
 */
class ExternalModeTest {

    @TempDir
    static Path dataParent;

    private static EmbeddedServer server;
    private static String adminUrl;
    private static String password;
    private static int port;

    @BeforeAll
    static void startTheExternalServer() {
        server = EmbeddedServer.start(EmbeddedServer.Options.from(
                Settings.of(Map.of(Settings.DATA_DIR, dataParent.toString()))));
        adminUrl = server.jdbcUrl("postgres");
        Matcher m = Pattern.compile("^jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/postgres\\?.*password=([^&]+)").matcher(adminUrl);
        assertThat(m.find()).isTrue();
        port = Integer.parseInt(m.group(1));
        password = m.group(2);
    }

    @AfterAll
    static void stopTheExternalServer() {
        if (server != null) {
            server.close();
        }
    }

    private static SharedCluster attach(String url) {
        return SharedCluster.open(Settings.of(Map.of(Settings.URL, url)));
    }

    @Test
    void jdbcUrl_pointsAtTheExternalServer() throws SQLException {
        SharedCluster cluster = attach(adminUrl);
        try {
            assertThat(cluster.jdbcUrl("some_db")).isEqualTo(server.jdbcUrl("some_db"));
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(port);
            }
            assertThat(cluster.toString()).contains("external PostgreSQL at 127.0.0.1:" + port).doesNotContain(password);
        } finally {
            cluster.close();
        }
    }

    @Test
    void createDropAndTemporaryDatabase_workOnTheExternalServer() throws SQLException {
        SharedCluster cluster = attach(adminUrl);
        try {
            cluster.createDatabase("ext_created");
            assertThat(existsOnServer("ext_created")).isTrue();
            cluster.dropDatabase("ext_created");
            assertThat(existsOnServer("ext_created")).isFalse();

            try (TemporaryDatabase db = cluster.temporaryDatabase("ext_temporary");
                 Connection c = db.dataSource().getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database(), inet_server_port()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ext_temporary");
                assertThat(rs.getInt(2)).isEqualTo(port);
            }
            assertThat(existsOnServer("ext_temporary")).isFalse();
        } finally {
            cluster.close();
        }
    }

    @Test
    void close_leavesTheServerRunningAndDropsTheTemporaryDatabasesStillOpen() throws SQLException {
        SharedCluster cluster = attach(adminUrl);
        Connection straggler = null;
        try {
            cluster.temporaryDatabase("ext_never_closed");
            TemporaryDatabase pooled = cluster.temporaryDatabase("ext_pool_in_use");
            Connection borrowed = pooled.dataSource().getConnection();
            assertThat(borrowed.isValid(5)).isTrue();
            TemporaryDatabase connected = cluster.temporaryDatabase("ext_someone_connected");
            straggler = DriverManager.getConnection(connected.url());

            // ext_someone_connected costs ~5 s: DROP DATABASE waits that long for other sessions before it fails.
            cluster.close();

            assertThat(existsOnServer("ext_never_closed")).isFalse();
            assertThat(existsOnServer("ext_pool_in_use")).isFalse();
            assertThat(existsOnServer("ext_someone_connected")).isFalse();
            assertThat(straggler.isValid(5)).as("terminated by the force-drop").isFalse();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(sessionsOnServer("pgfixture-admin")).as("admin pool closed").isZero());
            assertThat(queryOnServer("SELECT 1")).as("the external server still runs").isEqualTo("1");
        } finally {
            cluster.close();
            if (straggler != null) {
                straggler.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/postgres?", "?", "/?"})
    void url_withoutDatabase_usesPostgresAsTheMaintenanceDatabase(String replacement) {
        String url = adminUrl.replace("/postgres?", replacement);
        SharedCluster cluster = attach(url);
        try {
            assertThat(cluster.server().maintenanceDatabase()).isEqualTo("postgres");
            assertThat(cluster.databaseExists("template1")).isTrue();
            assertThatThrownBy(() -> cluster.dropDatabase("postgres")).isInstanceOf(PgFixtureException.class);
        } finally {
            cluster.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mysql://localhost:3306/db?user=root&password=hunter2",
            "postgres://postgres:hunter2@localhost:5432/postgres",
            "postgresql://localhost/postgres?password=hunter2",
            "jdbc:postgresql:postgres?user=postgres&password=hunter2",
            "jdbc:postgresql:///postgres?password=hunter2",
            "jdbc:postgresql://postgres:hunter2@localhost:5432/postgres"})
    void url_malformed_failsShowingTheExpectedFormButNeverThePassword(String url) {
        assertThatThrownBy(() -> attach(url).close())
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("jdbc:postgresql://host[:port][/database]")
                .hasMessageContaining("programmatic configuration")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void url_ofAClosedPort_failsNamingTheServer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres?user=postgres&password=hunter2";

        assertThatThrownBy(() -> attach(url).close())
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("\"postgres\"")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void url_withAWrongPassword_failsWithoutShowingIt() {
        String url = adminUrl.replace("password=" + password, "password=hunter2");

        assertThatThrownBy(() -> attach(url).close())
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining(password);
    }

    private static boolean existsOnServer(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    private static int sessionsOnServer(String applicationName) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String queryOnServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
