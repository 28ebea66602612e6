package io.github.pgfixture.internal.config;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SettingsTest {

    @TempDir
    Path classPathFolder;

    @Test
    void environmentName_upperCasesAndTurnsDotsAndDashesIntoUnderscores() {
        assertThat(Settings.environmentName(Settings.MAX_CONNECTIONS)).isEqualTo("PGFIXTURE_MAX_CONNECTIONS");
        assertThat(Settings.environmentName(Settings.URL)).isEqualTo("PGFIXTURE_URL");
    }

    @Test
    void of_programmaticValues_areReadAndReportedAsProgrammatic() {
        Settings settings = Settings.of(Map.of(Settings.CONNECTIONS_PER_DATABASE, " 7 "));

        assertThat(settings.get(Settings.CONNECTIONS_PER_DATABASE)).contains("7");
        assertThat(settings.getInt(Settings.CONNECTIONS_PER_DATABASE, 5, 1, 100)).isEqualTo(7);
        assertThat(settings.sourceOf(Settings.CONNECTIONS_PER_DATABASE)).isEqualTo("programmatic configuration");
        assertThat(settings.sourceOf(Settings.DATA_DIR)).isEqualTo("default");
    }

    @Test
    void with_overridesAndLeavesTheOriginalUnchanged() {
        Settings original = Settings.of(Map.of(Settings.CONNECTIONS_PER_DATABASE, "7"));

        Settings changed = original.with(Settings.CONNECTIONS_PER_DATABASE, "9").with(Settings.RUN_AS, "nobody");

        assertThat(changed.get(Settings.CONNECTIONS_PER_DATABASE)).contains("9");
        assertThat(changed.get(Settings.RUN_AS)).contains("nobody");
        assertThat(original.get(Settings.CONNECTIONS_PER_DATABASE)).contains("7");
        assertThat(original.get(Settings.RUN_AS)).isEmpty();
    }

    @Test
    void get_blankValue_countsAsUnset() {
        Settings settings = Settings.of(Map.of(Settings.DATA_DIR, "  "));

        assertThat(settings.get(Settings.DATA_DIR)).isEmpty();
        assertThat(settings.get(Settings.DATA_DIR, "fallback")).isEqualTo("fallback");
    }

    @Test
    void load_precedence_programmaticOverSystemPropertyOverFile() throws Exception {
        String key = Settings.CONNECTIONS_PER_DATABASE;
        assumeTrue(System.getenv(Settings.environmentName(key)) == null, "the environment must not set " + key);
        writeFile(key + "=1\n" + Settings.CLONE_STRATEGY + "=wal_log\n");

        withSystemProperty(key, "2", () -> withFileOnClassPath(() -> {
            Settings loaded = Settings.load();
            assertThat(loaded.get(key)).contains("2");
            assertThat(loaded.sourceOf(key)).isEqualTo("system property " + key);
            assertThat(loaded.get(Settings.CLONE_STRATEGY)).contains("wal_log");
            assertThat(loaded.sourceOf(Settings.CLONE_STRATEGY)).endsWith("/" + Settings.FILE);

            Settings programmatic = Settings.load(Map.of(key, "3"));
            assertThat(programmatic.get(key)).contains("3");
            assertThat(programmatic.sourceOf(key)).isEqualTo("programmatic configuration");

            assertThat(loaded.with(key, "4").get(key)).contains("4");
            return null;
        }));
        withFileOnClassPath(() -> {
            Settings fileOnly = Settings.load();
            assertThat(fileOnly.get(key)).contains("1");
            assertThat(fileOnly.sourceOf(key)).isEqualTo(fileUrl());
            return null;
        });
    }

    @Test
    void load_readsSystemPropertiesOnceAtLoad() throws Exception {
        String key = "pgfixture.test-only-snapshot";
        Settings before = Settings.load();
        withSystemProperty(key, "late", () -> {
            assertThat(before.get(key)).isEmpty();
            assertThat(Settings.load().get(key)).contains("late");
            return null;
        });
    }

    @Test
    void load_environmentVariable_overridesTheFileAndLosesToASystemProperty() throws Exception {
        writeFile(Settings.MAX_CONNECTIONS + "=99\n" + Settings.CONNECTIONS_PER_DATABASE + "=1\n" + Settings.CLONE_STRATEGY + "=wal_log\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder probe = new ProcessBuilder(java.toString(),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + classPathFolder,
                "-D" + Settings.CONNECTIONS_PER_DATABASE + "=7",
                SettingsProbe.class.getName(),
                Settings.MAX_CONNECTIONS, Settings.CONNECTIONS_PER_DATABASE, Settings.CLONE_STRATEGY, Settings.DATA_DIR)
                .redirectErrorStream(true);
        probe.environment().keySet().removeIf(name -> name.startsWith("PGFIXTURE_"));
        probe.environment().put("PGFIXTURE_MAX_CONNECTIONS", "42");
        probe.environment().put("PGFIXTURE_CONNECTIONS_PER_DATABASE", "3");
        Process process = probe.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).containsExactly(
                Settings.MAX_CONNECTIONS + "=42|environment variable PGFIXTURE_MAX_CONNECTIONS",
                Settings.CONNECTIONS_PER_DATABASE + "=7|system property " + Settings.CONNECTIONS_PER_DATABASE,
                Settings.CLONE_STRATEGY + "=wal_log|" + fileUrl(),
                Settings.DATA_DIR + "=<unset>|default");
    }

    @Test
    void load_fileThatCannotBeParsed_failsNamingTheFile() throws Exception {
        writeFile(Settings.CONNECTIONS_PER_DATABASE + "=\\uZZZZ\n");

        withFileOnClassPath(() -> {
            assertThatThrownBy(Settings::load)
                    .isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining(fileUrl());
            return null;
        });
    }

    @Test
    void getInt_unset_returnsTheDefault() {
        assertThat(Settings.of(Map.of()).getInt(Settings.MAX_CONNECTIONS, 300, 10, 10_000)).isEqualTo(300);
    }

    @Test
    void getInt_notANumber_namesTheKeyTheValueAndItsSource() {
        Settings settings = Settings.of(Map.of(Settings.MAX_CONNECTIONS, "lots"));

        assertThatThrownBy(() -> settings.getInt(Settings.MAX_CONNECTIONS, 300, 10, 10_000))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining(Settings.MAX_CONNECTIONS)
                .hasMessageContaining("'lots'")
                .hasMessageContaining("programmatic configuration")
                .hasMessageContaining("from 10 to 10000");
    }

    @Test
    void getInt_outOfRangeFromASystemProperty_namesThatProperty() throws Exception {
        String key = "pgfixture.test-only-number";
        withSystemProperty(key, "5", () -> {
            Settings settings = Settings.load();
            assertThatThrownBy(() -> settings.getInt(key, 300, 10, 10_000))
                    .isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining(key + " = '5'")
                    .hasMessageContaining("system property " + key)
                    .hasMessageContaining("from 10 to 10000");
            return null;
        });
    }

    @Test
    void serverConfig_entryWithoutEquals_failsNamingTheEntryTheSourceAndTheForm() {
        Settings settings = Settings.of(Map.of(Settings.SERVER_CONFIG, "work_mem=8MB, shared_buffers"));

        assertThatThrownBy(() -> EmbeddedServer.Options.from(settings))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining(Settings.SERVER_CONFIG)
                .hasMessageContaining("'shared_buffers'")
                .hasMessageContaining("programmatic configuration")
                .hasMessageContaining("name=value,name=value");
    }

    @Test
    void serverConfig_entryWithoutName_fails() {
        Settings settings = Settings.of(Map.of(Settings.SERVER_CONFIG, "=8MB"));

        assertThatThrownBy(() -> EmbeddedServer.Options.from(settings))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("'=8MB'");
    }

    @Test
    void serverConfig_entries_areParsedInOrderAndTrimmed() {
        Settings settings = Settings.of(Map.of(Settings.SERVER_CONFIG, " work_mem = 8MB ,, log_min_messages=debug1"));

        assertThat(EmbeddedServer.Options.from(settings).serverConfig())
                .containsExactly(Map.entry("work_mem", "8MB"), Map.entry("log_min_messages", "debug1"));
    }

    /** The file's URL as a class loader reports it ({@code file:/...}). */
    private String fileUrl() throws IOException {
        return classPathFolder.resolve(Settings.FILE).toUri().toURL().toString();
    }

    private void writeFile(String content) throws IOException {
        Files.writeString(classPathFolder.resolve(Settings.FILE), content, StandardCharsets.ISO_8859_1);
    }

    /** Runs {@code body} with a context class loader that sees only {@link #classPathFolder}. */
    private <T> T withFileOnClassPath(Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classPathFolder.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            return body.call();
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    private static <T> T withSystemProperty(String key, String value, Callable<T> body) throws Exception {
        String original = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return body.call();
        } finally {
            if (original == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, original);
            }
        }
    }
}
