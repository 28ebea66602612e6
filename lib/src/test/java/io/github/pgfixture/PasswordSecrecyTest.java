package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.internal.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The cluster's password is in the URLs handed out, and nowhere else: not in logs, not in messages. */
class PasswordSecrecyTest {

    @TempDir
    Path dataParent;

    /** The users guide's own example: every statement the server runs goes to server.log. */
    @Test
    void serverLogWithLogStatementAll_holdsNeitherThePasswordNorItsVerifier_norDoOurLogs() throws Exception {
        String password;
        String verifier;
        String serverLog;
        String ours;
        try (LogCapture logged = LogCapture.start()) {
            SharedCluster cluster = SharedCluster.open(Settings.of(Map.of(Settings.DATA_DIR, dataParent.toString(),
                    Settings.SERVER_CONFIG, "log_statement=all,log_min_duration_statement=0,log_connections=on")));
            try {
                password = cluster.jdbcUrl("postgres").replaceAll(".*[?&]password=([^&]+).*", "$1");
                cluster.ensureTemplateExists("secret_template", ds -> {
                    try (var c = ds.getConnection()) {
                        c.createStatement().execute("CREATE TABLE t (id int)");
                    }
                });
                try (TemporaryDatabase db = cluster.temporaryDatabaseFromTemplate("secret_clone", "secret_template")) {
                    Sql.queryOne(cluster, db.name(), "SELECT count(*) FROM t");
                }
                verifier = Sql.queryOne(cluster, "postgres", "SELECT rolpassword FROM pg_authid WHERE rolname = current_user");
                serverLog = Files.readString(((EmbeddedServer) cluster.server()).directory().resolve("server.log"));
            } finally {
                cluster.close();
            }
            ours = logged.text();
        }

        assertThat(serverLog).as("log_statement=all is in effect").contains("SELECT rolpassword FROM pg_authid");
        assertThat(verifier).as("one SCRAM iteration, the login speed-up (16+)").startsWith("SCRAM-SHA-256$1:");
        assertThat(serverLog).doesNotContain(password).doesNotContain(verifier.substring(verifier.indexOf(':') + 1))
                .doesNotContainIgnoringCase("PASSWORD '");
        assertThat(ours).contains("pgfixture uses").doesNotContain(password).doesNotContain(verifier);
    }

    @Test
    void freshJvm_bootCloneWarningAndFailure_neverLogThePassword() throws Exception {
        FreshJvm.Run run = FreshJvm.run();
        String password = run.line("PASSWORD");
        String logged = Arrays.stream(run.output().split("\n")).filter(line -> !line.startsWith("PASSWORD "))
                .collect(Collectors.joining("\n"));

        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(logged).as("what the child logged covers the paths")
                .contains("pgfixture uses")
                .contains("\"fresh_straggled\" still had 1 other session(s)")
                .contains("FAILURE Cannot create database \"fresh_template\"");
        assertThat(logged).doesNotContain(password);
    }

    @Test
    void exceptionMessagesAndToString_neverContainThePassword_thoughTheUrlDoes() {
        SharedCluster cluster = SharedCluster.get();
        try (TemporaryDatabase db = cluster.temporaryDatabase("secret_kept")) {
            String password = db.url().replaceAll(".*[?&]password=([^&]+).*", "$1");
            assertThat(password).isNotEqualTo(db.url()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(cluster.jdbcUrl("anything")).contains(password);

            PgFixtureException duplicate = catchThrowableOfType(PgFixtureException.class,
                    () -> cluster.createDatabase("secret_kept"));
            PgFixtureException missing = catchThrowableOfType(PgFixtureException.class,
                    () -> cluster.createDatabaseFromTemplate("secret_clone", "secret_missing"));
            PgFixtureException refused = catchThrowableOfType(PgFixtureException.class,
                    () -> cluster.dropDatabase("postgres"));

            TemporaryDatabase vanished = cluster.temporaryDatabase("secret_vanished");
            Sql.execute(cluster, "postgres", "DROP DATABASE secret_vanished");
            PgFixtureException cannotConnect = catchThrowableOfType(PgFixtureException.class, vanished::dataSource);
            vanished.close();

            assertThat(cannotConnect).hasMessageContaining("Cannot connect to database \"secret_vanished\" at")
                    .hasMessageContaining("password=***");
            for (PgFixtureException e : new PgFixtureException[] {duplicate, missing, refused, cannotConnect}) {
                assertThat(e).isNotNull();
                assertThat(e.getMessage()).doesNotContain(password);
            }
            assertThat(db.toString()).contains("secret_kept").doesNotContain(password);
            assertThat(cluster.toString()).doesNotContain(password);
        }
    }
}
