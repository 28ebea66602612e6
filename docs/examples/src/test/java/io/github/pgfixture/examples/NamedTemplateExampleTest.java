package io.github.pgfixture.examples;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;
import io.github.pgfixture.examples.orders.OrderRepository;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core API's own words, as the users guide and the README quote them: a template under a name
 * of the user's choosing, built once by {@code ensureTemplateExists}, and clones of it under names of
 * the user's choosing; next to it the same with a {@link Template} that names itself.
 */
class NamedTemplateExampleTest {

    private OrderRepository repository;

    @BeforeAll
    static void buildTemplate() {
        // guide: ensure-template
        SharedCluster.get().ensureTemplateExists("app_template", dataSource -> {
            Flyway.configure().dataSource(dataSource).load().migrate();
        });
        // guide: end
    }

    @AfterAll
    static void dropTemplate() {
        SharedCluster.get().forceDropDatabase("app_template");
    }

    @Test
    void cloneUnderAChosenName_isDroppedAtTheEndOfTheBlock() throws Exception {
        // guide: temporary-database
        try (TemporaryDatabase db = SharedCluster.get().temporaryDatabaseFromTemplate("orders_test_1", "app_template")) {
            repository = new OrderRepository(db.dataSource());
            repository.placeOrder("ada@example.com", new BigDecimal("12.50"));
            assertThat(repository.totalOf("ada@example.com")).isEqualByComparingTo("12.50");
        }   // dropped here, whatever the test did
        // guide: end
        assertThat(SharedCluster.get().databaseExists("orders_test_1")).isFalse();
    }

    @Test
    void selfNamedTemplate_eachCloneStartsFromTheMigratedSchema() throws Exception {
        // README: template
        final Template APP = Template.flyway("db/migration");

        try (TemporaryDatabase db = SharedCluster.get().temporaryClone(APP)) {
            repository = new OrderRepository(db.dataSource());
            assertThat(repository.totalOf("grace@example.com")).isZero();
        }
        // README: end
    }
}
