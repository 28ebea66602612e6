package io.github.pgfixture.internal.template;

import io.github.pgfixture.TemplateSetup;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Migrates the template with Flyway. Loaded only once {@link OptionalLibraries} found Flyway. */
final class FlywaySetup implements TemplateSetup {

    private final String[] locations;

    FlywaySetup(String[] locations) {
        this.locations = locations.clone();
    }

    @Override
    public void setUp(DataSource template) {
        Flyway.configure(FlywaySetup.class.getClassLoader())
                .dataSource(template)
                .locations(locations)
                .load()
                .migrate();
    }
}
