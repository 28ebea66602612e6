package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * postgres, template0 and template1 are the cluster's own databases: no call may build, rebuild,
 * create or drop them. A mistake here breaks the whole cluster (without template1 no
 * {@code CREATE DATABASE} works), so this test runs on an embedded cluster of its own.
 */
class SystemDatabaseNamesTest {

    /** name:datistemplate:datallowconn of the three, as initdb makes them. */
    private static final String SYSTEM = "postgres:false:true template0:true:false template1:true:true";

    private static SharedCluster own;

    @BeforeAll
    static void bootAClusterOfItsOwn() {
        own = SharedCluster.open(Settings.of(Map.of(Settings.READY_CLONES, "0")));
    }

    @AfterAll
    static void stopIt() {
        if (own != null) {
            own.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "template0", "template1"})
    void ensureTemplateExists_systemDatabase_isRefusedBeforeAnySql_andTheClusterStillWorks(String name) {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> own.ensureTemplateExists(name, ds -> runs.incrementAndGet()))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("\"" + name + "\" is one of the cluster's own databases")
                .hasMessageContaining("never drops")
                .hasMessageContaining("Name the template after what it holds");

        assertThat(runs).as("the setup never ran").hasValue(0);
        assertThat(systemDatabases()).as("untouched").isEqualTo(SYSTEM);
        own.createDatabase("after_refused_" + name);
        own.dropDatabase("after_refused_" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "template0", "template1"})
    void temporaryDatabase_systemName_isRefusedBeforeAnySql_soCloseCannotDropIt(String name) {
        assertThatThrownBy(() -> own.temporaryDatabase(name))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("\"" + name + "\" is one of the cluster's own databases")
                .hasMessageContaining("Choose another name")
                .hasMessageNotContaining("forceDropDatabase");
        assertThatThrownBy(() -> own.temporaryDatabaseFromTemplate(name, "template1"))
                .hasMessageContaining("\"" + name + "\" is one of the cluster's own databases");
        assertThatThrownBy(() -> own.createDatabase(name))
                .hasMessageContaining("\"" + name + "\" is one of the cluster's own databases");
        assertThatThrownBy(() -> own.forceDropDatabase(name)).hasMessageContaining("Refusing to drop");
        assertThat(systemDatabases()).isEqualTo(SYSTEM);
    }

    /**
     * pgfixture quotes every name, so "Template1" is a database of its own (PostgreSQL folds only
     * unquoted names to lower case): an ordinary template, and template1 is not touched.
     */
    @Test
    void ensureTemplateExists_upperCaseTemplate1_isAnOrdinaryQuotedName() {
        AtomicInteger runs = new AtomicInteger();
        own.ensureTemplateExists("Template1", ds -> runs.incrementAndGet());
        try {
            assertThat(runs).hasValue(1);
            assertThat(Sql.templateState(own, "Template1")).isEqualTo("built");
            assertThat(systemDatabases()).isEqualTo(SYSTEM);
        } finally {
            own.forceDropDatabase("Template1");
        }
    }

    /** The system databases with their template flags, as pg_database has them. */
    private static String systemDatabases() {
        return Sql.one(own.jdbcUrl("postgres"), "SELECT string_agg(datname || ':' || datistemplate || ':' || datallowconn, "
                + "' ' ORDER BY datname) FROM pg_database WHERE datname IN ('postgres', 'template0', 'template1')");
    }
}
