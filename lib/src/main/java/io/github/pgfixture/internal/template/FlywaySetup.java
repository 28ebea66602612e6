package io.github.pgfixture.internal.template;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Migrates the template with Flyway. Loaded only once {@link Migrations} found Flyway. */
final class FlywaySetup implements Migration {

    private final String[] locations;
    private final ClassLoader loader;

    FlywaySetup(String[] locations, ClassLoader loader) {
        this.locations = locations.clone();
        this.loader = loader;
    }

    @Override
    public void migrate(DataSource template) {
        Flyway.configure(loader)
                .dataSource(template)
                .locations(locations)
                .load()
                .migrate();
    }
}
