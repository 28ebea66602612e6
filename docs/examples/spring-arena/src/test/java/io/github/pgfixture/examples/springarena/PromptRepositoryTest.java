package io.github.pgfixture.examples.springarena;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import io.github.pgfixture.spring.AutoConfigureTempDatabase.Isolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prompts are immutable and fork by name: the schema's triggers, on a clone per test. */
@DataJdbcTest
@AutoConfigureTempDatabase(isolation = Isolation.METHOD)
class PromptRepositoryTest {

    @Autowired
    PromptRepository prompts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void firstVersion_hasNoParent() {
        Prompt first = prompts.save(Prompt.first("calm", "Stay calm."));
        assertThat(prompts.findById(first.id())).get().extracting(Prompt::version, Prompt::parentId).containsExactly(1, null);
    }

    @Test
    void fork_keepsTheNameAndCountsUp() {
        Prompt first = prompts.save(Prompt.first("calm", "Stay calm."));
        prompts.save(first.fork("Stay very calm."));
        assertThat(prompts.findByNameOrderByVersion("calm")).extracting(Prompt::version).containsExactly(1, 2);
    }

    @Test
    void forkUnderAnotherName_isRefusedByTheTrigger() {
        Prompt first = prompts.save(Prompt.first("calm", "Stay calm."));
        Prompt renamed = new Prompt(null, "loud", 2, first.id(), "Shout.", true);
        assertThatThrownBy(() -> prompts.save(renamed)).rootCause().hasMessageContaining("which has another name");
    }

    @Test
    void changedBody_isRefusedByTheTrigger() {
        Prompt first = prompts.save(Prompt.first("calm", "Stay calm."));
        assertThatThrownBy(() -> prompts.save(new Prompt(first.id(), "calm", 1, null, "Changed.", true)))
                .rootCause().hasMessageContaining("is immutable");
    }

    @Test
    void active_mayChange() {
        Prompt first = prompts.save(Prompt.first("calm", "Stay calm."));
        prompts.save(new Prompt(first.id(), "calm", 1, null, "Stay calm.", false));
        assertThat(jdbc.queryForObject("SELECT active FROM prompts WHERE id = ?", Boolean.class, first.id())).isFalse();
    }

    @Test
    void laterVersionWithoutParent_isRefused() {
        assertThatThrownBy(() -> prompts.save(new Prompt(null, "calm", 2, null, "No parent.", true)))
                .rootCause().hasMessageContaining("prompts_root_has_no_parent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankBody_isRefused(String body) {
        assertThatThrownBy(() -> prompts.save(Prompt.first("blank", body)))
                .rootCause().hasMessageContaining("prompts_body_not_blank");
    }
}
