package io.github.pgfixture.internal.template;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

/** Migrates the template with Liquibase. Loaded only once {@link Migrations} found Liquibase. */
final class LiquibaseSetup implements Migration {

    private final String changelog;
    private final Path directory;
    private final ClassLoader loader;

    /**
     * @param directory null for a class-path changelog, else the folder {@code changelog} is relative to
     * @param loader    finds a class-path changelog and what it includes
     */
    LiquibaseSetup(String changelog, Path directory, ClassLoader loader) {
        this.changelog = changelog;
        this.directory = directory;
        this.loader = loader;
    }

    @Override
    public void migrate(DataSource template) throws Exception {
        try (Connection connection = template.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            ResourceAccessor accessor = directory == null
                    ? new ClassLoaderResourceAccessor(loader)
                    : new DirectoryResourceAccessor(directory);
            try (accessor) {
                Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), accessor), () ->
                        new CommandScope("update")
                                .addArgumentValue("changelogFile", changelog)
                                .addArgumentValue("database", database)
                                .execute());
            }
        }
    }
}
