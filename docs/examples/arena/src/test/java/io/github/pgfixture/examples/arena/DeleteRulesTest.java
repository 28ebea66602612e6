package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deliberate ON DELETE behaviour: a game takes its players, turns and calls with it; nothing
 * that games, calls, agents or ratings refer to can be deleted while they do:
 * ON DELETE RESTRICT, which PostgreSQL reports as {@code 23001 restrict_violation}.
 */
@TempDatabase(flyway = "db/arena")
class DeleteRulesTest {

    private DataSource database;
    private Arena arena;
    private Game game;
    private Agent agent;
    private Model model;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        this.database = database;
        arena = new Arena(database);
        Seed seed = new Seed(arena);
        game = seed.gameWithPlayers();
        agent = seed.agent("m1");
        model = seed.model("m1");
        Turn turn = arena.turns().addTurn(game.id(), 0, 1, "{}", "x", 1, 1);
        arena.turns().addCall(turn.id(), model.id(), "[{\"role\": \"user\"}]", null, OffsetDateTime.now(), null, 0, 0);
        arena.ratings().record(agent.id(), 25, 8);
    }

    @Test
    void deletingAGame_cascadesToPlayersTurnsAndCalls() throws SQLException {
        execute("DELETE FROM games WHERE id = " + game.id());
        assertThat(count("game_players")).isZero();
        assertThat(count("game_turns")).isZero();
        assertThat(count("llm_calls")).isZero();
    }

    @Test
    void deletingAGame_leavesAgentsModelsPromptsKindsAndRatings() throws SQLException {
        execute("DELETE FROM games WHERE id = " + game.id());
        assertThat(count("agents")).isEqualTo(6);
        assertThat(count("models")).isEqualTo(6);
        assertThat(count("prompts")).isEqualTo(1);
        assertThat(count("kinds")).isEqualTo(1);
        assertThat(count("agent_ratings")).isEqualTo(1);
    }

    @Test
    void deletingAModelThatAgentsUse_isRefused() {
        assertThat(sqlStateOf("DELETE FROM models WHERE id = " + model.id())).isEqualTo(SqlStates.RESTRICT);
    }

    @Test
    void deletingAModelThatOnlyCallsUse_isRefused() throws SQLException {
        Model judge = arena.catalog().createModel("judge", "p/judge");
        Turn turn = arena.turns().addTurn(game.id(), 1, 1, "{}", "x", 1, 1);
        arena.turns().addCall(turn.id(), judge.id(), "[{\"role\": \"user\"}]", null, OffsetDateTime.now(), null, 0, 0);
        assertThat(sqlStateOf("DELETE FROM models WHERE id = " + judge.id())).isEqualTo(SqlStates.RESTRICT);
    }

    @Test
    void deletingAnUnusedModel_works() throws SQLException {
        Model unused = arena.catalog().createModel("unused", "p/unused");
        execute("DELETE FROM models WHERE id = " + unused.id());
        assertThat(arena.catalog().model(unused.id())).isEmpty();
    }

    @Test
    void deletingAKindThatAgentsAndGamesUse_isRefused() {
        assertThat(sqlStateOf("DELETE FROM kinds")).isEqualTo(SqlStates.RESTRICT);
    }

    @Test
    void deletingAPromptThatAgentsUse_isRefused() {
        assertThat(sqlStateOf("DELETE FROM prompts WHERE id = " + agent.promptId())).isEqualTo(SqlStates.RESTRICT);
    }

    @Test
    void deletingAPromptThatWasForked_isRefused() {
        Prompt root = arena.catalog().createPrompt("root", "r");
        arena.catalog().forkPrompt(root.id(), "child");
        assertThat(sqlStateOf("DELETE FROM prompts WHERE id = " + root.id())).isEqualTo(SqlStates.RESTRICT);
    }

    @Test
    void deletingAnAgentThatPlayed_isRefused() throws SQLException {
        execute("DELETE FROM agent_ratings");
        assertThat(sqlStateOf("DELETE FROM agents WHERE id = " + agent.id())).isEqualTo(SqlStates.RESTRICT);
    }

    @Test
    void deletingARatedAgent_isRefused_evenAfterItsGamesAreGone() throws SQLException {
        execute("DELETE FROM games");
        assertThat(sqlStateOf("DELETE FROM agents WHERE id = " + agent.id())).isEqualTo(SqlStates.RESTRICT);
    }

    private String sqlStateOf(String sql) {
        return SqlStates.sqlStateOf(database, sql);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
