package io.github.pgfixture.testng;

import io.github.pgfixture.testng.fixtures.Seen;
import io.github.pgfixture.testng.fixtures.Templates;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The template a test's database is cloned from: named on the class, the field or the parameter, or none. */
class TemplatesTest {

    @Test
    void eachWayOfNamingTheTemplate_givesThatSchema() {
        Seen.drain();
        TestNGRun run = TestNGRun.of(Templates.ClassDefault.class, Templates.FieldOverridesClass.class,
                Templates.Flyway.class, Templates.Liquibase.class, Templates.Empty.class, Templates.ParameterOverridesClass.class,
                Templates.Inherited.class, Templates.NotOptedIn.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.passed()).hasSize(8);
        Map<String, String> tables = InjectionTest.byTestAndPhase(Seen.drain());
        assertThat(tables).containsExactlyInAnyOrderEntriesOf(Map.of(
                "classDefault/tables", "orders",
                "fieldOverridesClass/tables", "made_by_code",
                "flyway/tables", "customers,flyway_schema_history",
                "liquibase/tables", "databasechangelog,databasechangeloglock,invoices",
                "empty/tables", "",
                "parameterOverridesClass/tables", "orders",
                "inherited/tables", "orders",
                "notOptedIn/tables", "no connection"));
    }
}
