package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

/** Models: create, get by id and name, list active, set active; and the table's constraints. */
@TempDatabase(flyway = "db/arena")
class ModelRepositoryTest {

    private CatalogRepository catalog;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        catalog = new Arena(database).catalog();
    }

    @Test
    void createModel_returnsAnActiveModelWithItsId() {
        Model model = catalog.createModel("gpt-5", "openai/gpt-5-2026-01");
        assertThat(model.id()).isPositive();
        assertThat(model).isEqualTo(new Model(model.id(), "gpt-5", "openai/gpt-5-2026-01", true));
    }

    @Test
    void createModel_nameTaken_isAUniqueViolation() {
        catalog.createModel("gpt-5", "openai/gpt-5");
        assertSqlState(SqlStates.UNIQUE, () -> catalog.createModel("gpt-5", "openai/other"));
    }

    @Test
    void createModel_uppercaseName_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> catalog.createModel("GPT-5", "openai/gpt-5"));
    }

    @Test
    void createModel_nameOf65Characters_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> catalog.createModel("m".repeat(65), "openai/gpt-5"));
    }

    @Test
    void createModel_blankProviderModel_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> catalog.createModel("gpt-5", "  "));
    }

    @Test
    void createModel_nullProviderModel_isANotNullViolation() {
        assertSqlState(SqlStates.NOT_NULL, () -> catalog.createModel("gpt-5", null));
    }

    @Test
    void model_byId_returnsTheModel() {
        Model created = catalog.createModel("claude", "anthropic/claude");
        assertThat(catalog.model(created.id())).contains(created);
    }

    @Test
    void model_unknownId_isEmpty() {
        assertThat(catalog.model(404)).isEmpty();
    }

    @Test
    void modelByName_findsOnlyTheExactName() {
        Model created = catalog.createModel("llama-4", "meta/llama-4");
        assertThat(catalog.modelByName("llama-4")).contains(created);
        assertThat(catalog.modelByName("llama")).isEmpty();
    }

    @Test
    void activeModels_areSortedByName() {
        catalog.createModel("zeta", "z/zeta");
        catalog.createModel("alpha", "a/alpha");
        assertThat(catalog.activeModels()).extracting(Model::name).containsExactly("alpha", "zeta");
    }

    @Test
    void setModelActive_false_removesItFromTheActiveList() {
        Model kept = catalog.createModel("kept", "p/kept");
        Model retired = catalog.createModel("retired", "p/retired");
        assertThat(catalog.setModelActive(retired.id(), false)).isTrue();
        assertThat(catalog.activeModels()).containsExactly(kept);
        assertThat(catalog.model(retired.id())).hasValueSatisfying(m -> assertThat(m.active()).isFalse());
    }

    @Test
    void setModelActive_true_bringsItBack() {
        Model model = catalog.createModel("back", "p/back");
        catalog.setModelActive(model.id(), false);
        catalog.setModelActive(model.id(), true);
        assertThat(catalog.activeModels()).containsExactly(model);
    }

    @Test
    void setModelActive_unknownId_returnsFalse() {
        assertThat(catalog.setModelActive(404, false)).isFalse();
    }
}
