package io.github.pgfixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations on a class path that only the thread defining the template sees (a plugin's or an IDE
 * runner's class loader, here a jar in a {@link TempDir}): the template is hashed from that class
 * loader, so its setup must read the migrations from it too, whichever thread builds it later.
 */
class TemplateClassLoaderTest {

    @TempDir
    Path work;

    private final List<String> templates = new ArrayList<>();

    enum Kind { FLYWAY, LIQUIBASE, SQL_FOLDER }

    @AfterEach
    void dropTemplates() {
        Sql.dropAll(templates);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void migrationsOnlyTheDefiningClassLoaderSees_areRunByTheBuild(Kind kind) throws Exception {
        Path sources = Jars.tree(work.resolve("src"), Map.of(
                "V1__isolated.sql", "CREATE TABLE isolated_" + kind.name().toLowerCase() + " (id int);",
                "changelog.sql", "--liquibase formatted sql\n\n--changeset pgfixture:1\n"
                        + "CREATE TABLE isolated_liquibase (id int);\n"));
        // The SQL-folder setup runs every .sql file: give it only the migration.
        Path sqlOnly = Jars.tree(work.resolve("sql"), Map.of("V1__isolated.sql", "CREATE TABLE isolated_sql_folder (id int);"));
        Path jar = Jars.of(work.resolve("isolated.jar"), kind == Kind.SQL_FOLDER ? sqlOnly : sources, "isolated/");

        Template template;
        try (URLClassLoader loader = Jars.loader(List.of(jar))) {
            template = Jars.withContextLoader(loader, () -> switch (kind) {
                case FLYWAY -> Template.flyway("classpath:isolated");
                case LIQUIBASE -> Template.liquibase("isolated/changelog.sql");
                case SQL_FOLDER -> Template.sqlFiles("classpath:isolated");
            });
            templates.add(template.name());

            // Built on this thread, whose context class loader does not see the jar.
            SharedCluster cluster = SharedCluster.get();
            cluster.ensureTemplate(template);
            try (TemporaryDatabase clone = cluster.temporaryDatabase(template)) {
                assertThat(Sql.one(clone.url(), "SELECT to_regclass('isolated_" + kind.name().toLowerCase() + "')::text"))
                        .isEqualTo("isolated_" + kind.name().toLowerCase());
            }
        }
    }
}
