package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Prompts: versions, forks, lookups, and immutability. */
@TempDatabase(flyway = "db/arena")
class PromptRepositoryTest {

    private CatalogRepository catalog;
    private DataSource database;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        this.database = database;
        catalog = new Arena(database).catalog();
    }

    @Test
    void createPrompt_isVersionOneWithoutParent() {
        Prompt prompt = catalog.createPrompt("plain", "You play werewolf.");
        assertThat(prompt).isEqualTo(new Prompt(prompt.id(), "plain", 1, null, "You play werewolf.", true));
    }

    @Test
    void createPrompt_nameTaken_isAUniqueViolation() {
        catalog.createPrompt("plain", "a");
        assertSqlState(SqlStates.UNIQUE, () -> catalog.createPrompt("plain", "b"));
    }

    @Test
    void createPrompt_blankBody_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> catalog.createPrompt("plain", " \n "));
    }

    @Test
    void createPrompt_badName_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> catalog.createPrompt("-plain", "a"));
    }

    @Test
    void forkPrompt_ofNewest_isTheNextVersionWithItsParent() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        Prompt v2 = catalog.forkPrompt(v1.id(), "two");
        assertThat(v2.name()).isEqualTo("plain");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.parentId()).isEqualTo(v1.id());
        assertThat(v2.body()).isEqualTo("two");
    }

    @Test
    void forkPrompt_ofAnEarlierVersion_isNumberedAfterTheNewest() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        catalog.forkPrompt(v1.id(), "two");
        Prompt v3 = catalog.forkPrompt(v1.id(), "one, differently");
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.parentId()).isEqualTo(v1.id());
    }

    @Test
    void forkPrompt_unknownParent_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> catalog.forkPrompt(99, "x")).withMessageContaining("99");
    }

    @Test
    void forkPrompt_blankBody_isACheckViolation() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        assertSqlState(SqlStates.CHECK, () -> catalog.forkPrompt(v1.id(), ""));
    }

    @Test
    void forkPrompt_leavesTheParentUnchanged() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        catalog.forkPrompt(v1.id(), "two");
        assertThat(catalog.prompt(v1.id())).contains(v1);
    }

    @Test
    void prompt_byId_unknownIsEmpty() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        assertThat(catalog.prompt(v1.id())).contains(v1);
        assertThat(catalog.prompt(v1.id() + 100)).isEmpty();
    }

    @Test
    void promptByName_returnsTheNewestVersion() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        Prompt v2 = catalog.forkPrompt(v1.id(), "two");
        catalog.createPrompt("other", "x");
        assertThat(catalog.promptByName("plain")).contains(v2);
    }

    @Test
    void promptByName_unknownIsEmpty() {
        assertThat(catalog.promptByName("nothing")).isEmpty();
    }

    @Test
    void promptVersion_returnsExactlyThatVersion() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        Prompt v2 = catalog.forkPrompt(v1.id(), "two");
        assertThat(catalog.promptVersion("plain", 1)).contains(v1);
        assertThat(catalog.promptVersion("plain", 2)).contains(v2);
        assertThat(catalog.promptVersion("plain", 3)).isEmpty();
    }

    @Test
    void activePrompts_listsActiveVersionsByNameAndVersion() {
        Prompt b1 = catalog.createPrompt("bluff", "b");
        Prompt a1 = catalog.createPrompt("aggressive", "a");
        Prompt b2 = catalog.forkPrompt(b1.id(), "b2");
        catalog.setPromptActive(b1.id(), false);
        assertThat(catalog.activePrompts()).containsExactly(a1, b2);
    }

    @Test
    void setPromptActive_changesOnlyActive() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        assertThat(catalog.setPromptActive(v1.id(), false)).isTrue();
        assertThat(catalog.prompt(v1.id())).contains(new Prompt(v1.id(), "plain", 1, null, "one", false));
    }

    @Test
    void setPromptActive_unknownId_returnsFalse() {
        assertThat(catalog.setPromptActive(5, false)).isFalse();
    }

    @Test
    void updatingTheBody_isRefusedByTheImmutabilityTrigger() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        assertThat(sqlStateOf("UPDATE prompts SET body = 'changed' WHERE id = " + v1.id())).isEqualTo(SqlStates.INTEGRITY);
        assertThat(catalog.prompt(v1.id())).contains(v1);
    }

    @Test
    void renamingAPrompt_isRefusedByTheImmutabilityTrigger() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        assertThat(sqlStateOf("UPDATE prompts SET name = 'other' WHERE id = " + v1.id())).isEqualTo(SqlStates.INTEGRITY);
    }

    @Test
    void aForkUnderAnotherName_isRefusedByTrigger() {
        Prompt v1 = catalog.createPrompt("plain", "one");
        assertThat(sqlStateOf("INSERT INTO prompts (name, version, parent_id, body) VALUES ('other', 2, " + v1.id()
                + ", 'x')")).isEqualTo(SqlStates.INTEGRITY);
    }

    @Test
    void aLaterVersionWithoutParent_isACheckViolation() {
        assertThat(sqlStateOf("INSERT INTO prompts (name, version, body) VALUES ('plain', 2, 'x')"))
                .isEqualTo(SqlStates.CHECK);
    }

    private String sqlStateOf(String sql) {
        return SqlStates.sqlStateOf(database, sql);
    }
}
