package io.github.pgfixture.internal.template;

import io.github.pgfixture.TemplateSetup;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Migrates the template with Flyway. Loaded only once {@link OptionalLibraries} found Flyway. */
final class FlywaySetup implements TemplateSetup {

    private final String[] locations;
    private final ClassLoader loader;

    FlywaySetup(String[] locations, ClassLoader loader) {
        this.locations = locations.clone();
        this.loader = loader;
    }

    @Override
    public void setUp(DataSource template) {
        Flyway.configure(loader)
                .dataSource(template)
                .locations(locations)
                .load()
                .migrate();
    }
}
