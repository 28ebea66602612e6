package io.github.pgfixture.internal.server;

import io.github.pgfixture.LogCapture;
import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedServerTest {

    @TempDir
    Path dataParent;

    private EmbeddedServer start(String... settings) {
        return startIn(dataParent, settings);
    }

    /** Boots a server with its data under {@code parent} and the given setting name, value pairs. */
    static EmbeddedServer startIn(Path parent, String... settings) {
        Map<String, String> values = new HashMap<>();
        values.put(Settings.DATA_DIR, parent.toString());
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return EmbeddedServer.start(EmbeddedServer.Options.from(Settings.of(values)));
    }

    @Test
    void close_stopsThePostmasterAndItsChildrenAndDeletesTheFolder() throws Exception {
        EmbeddedServer server = start();
        long postmaster;
        List<Long> children;
        Path folder = server.directory();
        try {
            postmaster = server.pid();
            assertThat(Processes.postmasterPid(folder.resolve("data"))).isEqualTo(postmaster);
            // The executable is postgres, or, where binfmt runs foreign binaries (.ci/qemu-arm64.sh), the
            // emulator with postgres on its command line.
            assertThat(ProcessHandle.of(postmaster).flatMap(h -> h.info().command()))
                    .hasValueSatisfying(command -> assertThat(Path.of(command).getFileName().toString())
                            .satisfiesAnyOf(name -> assertThat(name).startsWith("postgres"),
                                    name -> assertThat(name).startsWith("qemu-")
                                            .satisfies(emulator -> assertThat(Processes.commandLine(postmaster))
                                                    .contains("bin/postgres"))));
            children = Processes.descendants(postmaster);
            assertThat(children).as("checkpointer, walwriter, ...").isNotEmpty();
            assertThat(queryOne(server, "SELECT 1")).isEqualTo("1");
        } finally {
            server.close();
        }

        assertThat(Processes.isRunning(postmaster)).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(children).noneMatch(Processes::isRunning));
        assertThat(folder).doesNotExist();
        assertThat(clusterFolders(dataParent)).isEmpty();
    }

    @Test
    void close_calledTwice_doesNothingTheSecondTime() {
        EmbeddedServer server = start();
        server.close();

        server.close();

        assertThat(server.directory()).doesNotExist();
        assertThat(Processes.runningWith(dataParent.toString())).isEmpty();
    }

    @Test
    void describeLogsAndCommandLine_neverContainThePassword() throws Exception {
        EmbeddedServer server;
        String password;
        String describe;
        String serverLog;
        String initdbLog;
        String commandLine;
        String output;
        try (LogCapture logged = LogCapture.start()) {
            server = start();
            try {
                password = passwordOf(server.jdbcUrl("postgres"));
                assertThat(queryOne(server, "SELECT 1")).isEqualTo("1");
                describe = server.describe();
                serverLog = Files.readString(server.directory().resolve("server.log"));
                EmbeddedServer.Options defaults = EmbeddedServer.Options.from(Settings.of(Map.of()));
                initdbLog = Files.readString(InitializedData.folderFor(RunAs.choose(defaults.runAs()),
                        Binaries.prepare(defaults.binariesDir())).resolve("initdb.log"));
                commandLine = Processes.commandLine(server.pid());
            } finally {
                server.close();
            }
            output = logged.text();
        }

        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(describe).contains("127.0.0.1:").contains(dataParent.toString()).doesNotContain(password);
        assertThat(output).contains("Booted PostgreSQL").contains("Stopped PostgreSQL").doesNotContain(password);
        assertThat(serverLog).doesNotContain(password);
        assertThat(initdbLog).isNotEmpty().doesNotContain(password);
        if (Processes.commandLinesReadable()) {
            assertThat(commandLine).contains("postgres");
        }
        assertThat(commandLine).doesNotContain(password);
    }

    @Test
    void serverConfig_entryReachesTheServer() throws Exception {
        try (EmbeddedServer server = start(Settings.SERVER_CONFIG, "work_mem=17MB, statement_timeout = 12s")) {
            assertThat(queryOne(server, "SHOW work_mem")).isEqualTo("17MB");
            assertThat(queryOne(server, "SHOW statement_timeout")).isEqualTo("12s");
        }
    }

    @Test
    void serverConfig_overridesTheTunedDefaults() throws Exception {
        try (EmbeddedServer server = start(Settings.SERVER_CONFIG, "fsync=on", Settings.MAX_CONNECTIONS, "42")) {
            assertThat(queryOne(server, "SHOW fsync")).isEqualTo("on");
            assertThat(queryOne(server, "SHOW max_connections")).isEqualTo("42");
            assertThat(queryOne(server, "SHOW synchronous_commit")).isEqualTo("off");
            assertThat(queryOne(server, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void serverConfig_unknownSetting_failsTheBootWithTheServersLogLineAndLeavesNothingBehind() {
        assertThatThrownBy(() -> start(Settings.SERVER_CONFIG, "no_such_setting=1").close())
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("PostgreSQL did not start")
                .hasMessageContaining("unrecognized configuration parameter \"no_such_setting\"");

        assertThat(clusterFolders(dataParent)).isEmpty();
        assertThat(Processes.runningWith(dataParent.toString())).isEmpty();
    }

    static String queryOne(Server server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    static String passwordOf(String jdbcUrl) {
        Matcher m = Pattern.compile("[?&]password=([^&]+)").matcher(jdbcUrl);
        assertThat(m.find()).as("password in %s", JdbcUrls.mask(jdbcUrl)).isTrue();
        return m.group(1);
    }

    static List<Path> clusterFolders(Path parent) {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(ClusterDirectory.PREFIX)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
