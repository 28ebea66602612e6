package io.github.pgfixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVMs attached to one server (the children use this JVM's cluster through {@code pgfixture.url})
 * ensure the same template at the same moment: the advisory lock lets one build it, and the other
 * finds it built.
 */
class CrossJvmTemplateTest {

    private static final String TEMPLATE = "xjvm_raced";
    private static final String LOG = "xjvm_log";

    @TempDir
    Path work;

    private final SharedCluster cluster = SharedCluster.get();

    @AfterEach
    void dropDatabases() {
        Sql.dropAll(List.of(TEMPLATE, LOG));
    }

    @Test
    void twoJvmsEnsureOneTemplateAtOnce_setupRunsOnceInTotal() throws Exception {
        cluster.createDatabase(LOG);
        Sql.execute(cluster.jdbcUrl(LOG), "CREATE TABLE build_log (pid bigint)");
        String adminUrl = cluster.jdbcUrl("postgres");

        try (ChildJvm first = ChildJvm.start(adminUrl, entry -> false, work.resolve("first.log"), "race", TEMPLATE, LOG);
             ChildJvm second = ChildJvm.start(adminUrl, entry -> false, work.resolve("second.log"), "race", TEMPLATE, LOG)) {
            first.awaitLine("READY");
            second.awaitLine("READY");
            first.send("go");
            second.send("go");

            first.awaitLine("DONE");
            second.awaitLine("DONE");
            assertThat(first.awaitExit()).as(first.log()).isZero();
            assertThat(second.awaitExit()).as(second.log()).isZero();
        }

        assertThat(Sql.count(cluster.jdbcUrl(LOG), "SELECT count(*) FROM build_log")).as("setup runs").isEqualTo(1);
        assertThat(Sql.templateState(cluster, TEMPLATE)).isEqualTo("built");
        try (TemporaryDatabase clone = cluster.temporaryDatabaseFromTemplate("xjvm_clone", TEMPLATE)) {
            assertThat(Sql.count(clone.url(), "SELECT count(*) FROM raced")).isEqualTo(1);
        }
    }
}
