package io.github.pgfixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway and Liquibase are optional: a JVM whose class path lacks them (a child JVM on this test's
 * class path minus their jars) uses SQL-folder and code templates, and asking for a Flyway or Liquibase
 * template fails naming the artifact to add.
 */
class OptionalDependenciesTest {

    @TempDir
    Path work;

    @Test
    void withoutFlywayAndLiquibase_sqlAndCodeTemplatesWork_andAskingForThemNamesTheArtifact() throws Exception {
        String adminUrl = SharedCluster.get().jdbcUrl("postgres");
        try (ChildJvm child = ChildJvm.start(adminUrl,
                entry -> entry.contains("/org/flywaydb/") || entry.contains("/org/liquibase/"),
                work.resolve("child.log"), "optional")) {

            assertThat(child.awaitLine("OK ")).isEqualTo("OK t49 from_code");
            assertThat(child.awaitLine("MISSING ")).as("Flyway")
                    .contains("org.flywaydb:flyway-core").contains("org.flywaydb:flyway-database-postgresql");
            assertThat(child.awaitLine("MISSING ")).as("Liquibase").contains("org.liquibase:liquibase-core");
            assertThat(child.awaitExit()).as(child.log()).isZero();
        }
    }
}
