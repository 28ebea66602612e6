package io.github.pgfixture;

import io.github.pgfixture.internal.cluster.TemplateBuilder;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The library's own pool connections, closed a moment ago, are not "other sessions": their server
 * processes may take a while to exit (here: one is still finishing a query when its pool closes),
 * and close() and a template build wait for them instead of warning about them.
 */
class OwnSessionsTest {

    private final SharedCluster cluster = SharedCluster.get();

    @Test
    void close_whileItsOwnPoolConnectionIsStillBusy_dropsWithoutWarning() {
        TemporaryDatabase db = cluster.temporaryDatabase("own_busy_at_close");
        CompletableFuture<Void> query = sleepOn(db.dataSource(), db.name());

        try (LogCapture log = LogCapture.start()) {
            db.close();

            assertThat(log.warnings(TemporaryDatabase.class)).noneMatch(line -> line.contains("own_busy_at_close"));
        }
        assertThat(cluster.databaseExists("own_busy_at_close")).isFalse();
        query.join();
    }

    @Test
    void templateSetup_returningWhileItsDataSourceIsStillBusy_buildsWithoutWarning() {
        String template = "own_busy_template";
        CompletableFuture<?>[] query = new CompletableFuture<?>[1];
        try (LogCapture log = LogCapture.start()) {
            cluster.ensureTemplateExists(template, ds -> query[0] = sleepOn(ds, template));

            assertThat(log.warnings(TemplateBuilder.class)).noneMatch(line -> line.contains(template));
        }
        try (TemporaryDatabase clone = cluster.temporaryDatabaseFromTemplate("own_busy_template_clone", template)) {
            assertThat(clone.name()).isEqualTo("own_busy_template_clone");
        } finally {
            cluster.forceDropDatabase(template);
        }
        query[0].join();
    }

    @Test
    void templateSetup_leakingAConnectionOfItsOwn_isNamedInAWarning() {
        String template = "own_leaky_template";
        try (LogCapture log = LogCapture.start()) {
            cluster.ensureTemplateExists(template, ds -> DriverManager.getConnection(
                    cluster.jdbcUrl(template) + "&ApplicationName=leaked-by-setup").createStatement().execute("SELECT 1"));

            assertThat(log.warnings(TemplateBuilder.class)).anySatisfy(line -> assertThat(line)
                    .contains("\"" + template + "\" left a connection open").contains("'leaked-by-setup'"));
        } finally {
            cluster.forceDropDatabase(template);
        }
    }

    /** Runs {@code pg_sleep(0.5)} on a connection of {@code ds} and returns once the server runs it. */
    private CompletableFuture<Void> sleepOn(DataSource ds, String database) {
        CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(0.5)");
            } catch (SQLException abortedWhenThePoolCloses) {
                // expected: closing the pool aborts borrowed connections
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> "1".equals(Sql.queryOne(cluster, "postgres",
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND state = 'active' AND query = 'SELECT pg_sleep(0.5)'")));
        return query;
    }
}
