package io.github.pgfixture.examples.springarena;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import io.github.pgfixture.spring.AutoConfigureTempDatabase.Isolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spring Data JDBC's slice on a fresh clone for every test: the template's schema, no rows. */
@DataJdbcTest
@AutoConfigureTempDatabase(isolation = Isolation.METHOD)
class ModelRepositoryTest {

    @Autowired
    ModelRepository models;

    @Test
    void save_givesAnId() {
        Model saved = models.save(Model.of("claude-x", "anthropic/claude-x"));
        assertThat(saved.id()).isNotNull();
        assertThat(models.findById(saved.id())).contains(saved);
    }

    @Test
    void startsEmpty() {
        assertThat(models.count()).isZero();
    }

    @Test
    void findByName() {
        models.save(Model.of("a", "p/a"));
        assertThat(models.findByName("a")).map(Model::providerModel).contains("p/a");
        assertThat(models.findByName("b")).isEmpty();
    }

    @Test
    void activeOnly_sortedByName() {
        models.save(Model.of("b", "p/b"));
        models.save(Model.of("a", "p/a"));
        models.save(Model.of("c", "p/c").retired());
        assertThat(models.findByActiveTrueOrderByName()).extracting(Model::name).containsExactly("a", "b");
    }

    @Test
    void duplicateName_violatesTheUniqueKey() {
        models.save(Model.of("dup", "p/1"));
        assertThatThrownBy(() -> models.save(Model.of("dup", "p/2")))
                .rootCause().hasMessageContaining("models_name_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper", "-leading-dash", "with space", "semi;colon", "ünicode"})
    void badName_violatesTheFormatCheck(String name) {
        assertThatThrownBy(() -> models.save(Model.of(name, "p/x")))
                .rootCause().hasMessageContaining("models_name_format");
    }

    @Test
    void blankProviderModel_isRefused() {
        assertThatThrownBy(() -> models.save(Model.of("blank", "   ")))
                .rootCause().hasMessageContaining("models_provider_model_not_blank");
    }
}
