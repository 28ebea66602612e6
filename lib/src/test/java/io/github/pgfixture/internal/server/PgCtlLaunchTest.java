package io.github.pgfixture.internal.server;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Windows start path ({@code pg_ctl start}, which drops an administrator's privileges), run
 * here on Linux with the same code: the postmaster is adopted from postmaster.pid, answers, takes
 * the server settings (quoted through pg_ctl's -o), is noticed when killed, and stops with nothing left.
 */
class PgCtlLaunchTest {

    @TempDir
    Path dataParent;

    private EmbeddedServer startViaPgCtl(String serverConfig) {
        Settings settings = Settings.of(Map.of(Settings.DATA_DIR, dataParent.toString(),
                Settings.SERVER_CONFIG, serverConfig));
        return EmbeddedServer.start(EmbeddedServer.Options.from(settings).withViaPgCtl(true));
    }

    @Test
    void viaPgCtl_thePostmasterIsAdoptedAnswersWithTheSettingsAndStopsWithNothingLeft() throws Exception {
        EmbeddedServer server = startViaPgCtl("cluster_name=it's quoted");
        Path folder = server.directory();
        long postmaster = server.pid();
        List<Long> children;
        try {
            assertThat(Processes.postmasterPid(folder.resolve("data"))).isEqualTo(postmaster);
            assertThat(EmbeddedServerTest.queryOne(server, "SELECT 1")).isEqualTo("1");
            assertThat(EmbeddedServerTest.queryOne(server, "SHOW max_connections")).isEqualTo("300");
            assertThat(EmbeddedServerTest.queryOne(server, "SHOW cluster_name")).isEqualTo("it's quoted");
            children = Processes.descendants(postmaster);
        } finally {
            server.close();
        }
        assertThat(Processes.isRunning(postmaster)).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(children).noneMatch(Processes::isRunning));
        assertThat(folder).doesNotExist();
    }

    @Test
    void viaPgCtl_aKilledPostmasterIsNoticedThoughItsExitStatusIsUnknown() throws Exception {
        try (EmbeddedServer server = startViaPgCtl("")) {
            long postmaster = server.pid();
            new ProcessBuilder("kill", "-9", Long.toString(postmaster)).start().waitFor();

            await().atMost(Duration.ofSeconds(10)).until(() -> server.goneNotice() != null);
            assertThat(server.goneNotice()).contains("is gone").contains("pid " + postmaster)
                    .contains("pg_ctl started it");
        }
    }

    @Test
    void quoteForShell_keepsQuotesAndSpacesInOneArgument() {
        assertThat(EmbeddedServer.quoteForShell("a=it's x", false)).isEqualTo("'a=it'\\''s x'");
        assertThat(EmbeddedServer.quoteForShell("a=say \"hi\"", true)).isEqualTo("\"a=say \\\"hi\\\"\"");
    }
}
