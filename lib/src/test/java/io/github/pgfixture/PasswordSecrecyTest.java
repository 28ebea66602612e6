package io.github.pgfixture;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The cluster's password is in the URLs handed out, and nowhere else: not in logs, not in messages. */
class PasswordSecrecyTest {

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
