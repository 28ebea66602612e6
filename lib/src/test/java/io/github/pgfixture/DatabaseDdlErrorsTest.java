package io.github.pgfixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each PostgreSQL refusal of database DDL becomes a PgFixtureException naming the database, what
 * PostgreSQL said with its SQLSTATE, and the remedy; nothing is created or lost by the failure.
 */
class DatabaseDdlErrorsTest {

    private final SharedCluster cluster = SharedCluster.get();
    private final List<String> created = new ArrayList<>();

    private String create(String name) {
        cluster.createDatabase(name);
        created.add(name);
        Sql.execute(cluster, name, "CREATE TABLE marker AS SELECT 'still here' AS note");
        return name;
    }

    private void assertIntact(String name) {
        assertThat(Sql.queryOne(cluster, name, "SELECT note FROM marker")).isEqualTo("still here");
    }

    @AfterEach
    void dropWhatTheTestCreated() {
        for (String name : created) {
            cluster.forceDropDatabase(name);
        }
    }

    @Test
    void createDatabase_nameTaken_namesTheDatabaseAndTheRemedy_andKeepsTheExistingOne() {
        String name = create("ddl_taken");
        Set<String> before = Sql.databases(cluster);

        assertThatThrownBy(() -> cluster.createDatabase(name))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("create database \"ddl_taken\"")
                .hasMessageContaining("PostgreSQL said: ERROR: database \"ddl_taken\" already exists (SQLSTATE 42P04)")
                .hasMessageContaining("Give every test a unique name")
                .isInstanceOfSatisfying(DatabaseExistsException.class, e -> assertThat(e.database()).isEqualTo(name));
        assertThatThrownBy(() -> cluster.temporaryDatabaseFromTemplate(name, "template1"))
                .isInstanceOf(DatabaseExistsException.class).hasMessageContaining("(SQLSTATE 42P04)");

        assertThat(Sql.databases(cluster)).isEqualTo(before);
        assertIntact(name);
    }

    @Test
    void dropDatabase_missing_namesTheDatabaseAndSaysItIsNotThere() {
        Set<String> before = Sql.databases(cluster);

        assertThatThrownBy(() -> cluster.dropDatabase("ddl_never_created"))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("drop database \"ddl_never_created\"")
                .hasMessageContaining("PostgreSQL said: ERROR: database \"ddl_never_created\" does not exist (SQLSTATE 3D000)")
                .hasMessageContaining("it was never created here, or it was already dropped")
                .isInstanceOfSatisfying(DatabaseNotFoundException.class,
                        e -> assertThat(e.database()).isEqualTo("ddl_never_created"));
        assertThatThrownBy(() -> cluster.forceDropDatabase("ddl_never_created"))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("\"ddl_never_created\"").hasMessageContaining("(SQLSTATE 3D000)")
                .isInstanceOf(DatabaseNotFoundException.class);

        assertThat(Sql.databases(cluster)).isEqualTo(before);
    }

    @Test
    void createFromTemplate_missingTemplate_namesCloneAndTemplate_andCreatesNothing() {
        Set<String> before = Sql.databases(cluster);

        assertThatThrownBy(() -> cluster.createDatabaseFromTemplate("ddl_clone", "ddl_no_such_template"))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("create database \"ddl_clone\" from template \"ddl_no_such_template\"")
                .hasMessageContaining("\"ddl_no_such_template\" does not exist (SQLSTATE 3D000)")
                .hasMessageContaining("Build it first with SharedCluster.ensureTemplateExists")
                .isInstanceOfSatisfying(TemplateNotFoundException.class,
                        e -> assertThat(e.template()).isEqualTo("ddl_no_such_template"));

        assertThat(Sql.databases(cluster)).isEqualTo(before);
    }

    /**
     * Both refusals cost PostgreSQL's 5 s wait for the other session to leave, so they run side by
     * side.
     */
    @Test
    void templateInUseAndDatabaseInUse_eachNamesTheDatabaseAndTheRemedy_andChangeNothing() throws Exception {
        String template = create("ddl_busy_template");
        String busy = create("ddl_in_use");
        Set<String> before = Sql.databases(cluster);

        try (Connection onTemplate = Sql.connect(cluster, template, "someone-else");
             Connection onBusy = Sql.connect(cluster, busy, "someone-else")) {
            CompletableFuture<Throwable> copy = CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> cluster.createDatabaseFromTemplate("ddl_copy", template)));
            Throwable drop = catchThrowable(() -> cluster.dropDatabase(busy));

            assertThat(copy.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining("create database \"ddl_copy\" from template \"ddl_busy_template\"")
                    .hasMessageContaining("PostgreSQL said: ERROR: source database \"ddl_busy_template\" is being "
                            + "accessed by other users (SQLSTATE 55006)")
                    .hasMessageContaining("Close every connection to it")
                    .isInstanceOfSatisfying(TemplateInUseException.class, e -> assertThat(e.template()).isEqualTo(template));
            assertThat(drop)
                    .isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining("drop database \"ddl_in_use\"")
                    .hasMessageContaining("PostgreSQL said: ERROR: database \"ddl_in_use\" is being accessed by other "
                            + "users (SQLSTATE 55006)")
                    .hasMessageContaining("use forceDropDatabase / TemporaryDatabase.forceDrop")
                    .isInstanceOfSatisfying(DatabaseInUseException.class, e -> assertThat(e.database()).isEqualTo(busy));
            assertThat(onTemplate.isValid(1) && onBusy.isValid(1)).as("the other sessions are left alone").isTrue();
        }

        assertThat(Sql.databases(cluster)).isEqualTo(before);
        assertIntact(template);
        assertIntact(busy);
    }
}
