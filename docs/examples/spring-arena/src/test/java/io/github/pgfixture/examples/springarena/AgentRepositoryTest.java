package io.github.pgfixture.examples.springarena;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import io.github.pgfixture.spring.AutoConfigureTempDatabase.Isolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Agents: unique configuration and alias, and nothing they use can be deleted. */
@DataJdbcTest
@Import(Seeder.class)
@AutoConfigureTempDatabase(isolation = Isolation.METHOD)
class AgentRepositoryTest {

    @Autowired
    KindRepository kinds;
    @Autowired
    ModelRepository models;
    @Autowired
    PromptRepository prompts;
    @Autowired
    AgentRepository agents;

    @Autowired
    Seeder seeder;

    Seed seed;

    @BeforeEach
    void seed() { // on the test's own clone already
        seed = seeder.seed(1);
    }

    @Test
    void findByAlias() {
        assertThat(agents.findByAlias("agent 1")).map(Agent::promptId).contains(seed.prompt().id());
    }

    @Test
    void sameConfigurationTwice_isRefused() {
        assertThatThrownBy(() -> agents.save(Agent.of(seed.kind(), seed.model(), seed.prompt(), "twin")))
                .rootCause().hasMessageContaining("agents_configuration_key");
    }

    @Test
    void sameAliasTwice_isRefused() {
        Prompt other = prompts.save(Prompt.first("other", "Other."));
        assertThatThrownBy(() -> agents.save(Agent.of(seed.kind(), seed.model(), other, "agent 1")))
                .rootCause().hasMessageContaining("agents_alias_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " leading space", "-dash", "tab\there"})
    void badAlias_isRefused(String alias) {
        Prompt other = prompts.save(Prompt.first("other", "Other."));
        assertThatThrownBy(() -> agents.save(Agent.of(seed.kind(), seed.model(), other, alias)))
                .rootCause().hasMessageContaining("agents_alias_format");
    }

    @Test
    void deletingAModelInUse_isRestricted() {
        assertThatThrownBy(() -> models.deleteById(seed.model().id())).rootCause().hasMessageContaining("violates RESTRICT setting of foreign key constraint");
    }

    @Test
    void deletingAKindInUse_isRestricted() {
        assertThatThrownBy(() -> kinds.deleteById(seed.kind().id())).rootCause().hasMessageContaining("violates RESTRICT setting of foreign key constraint");
    }
}
