package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.pgfixture.examples.arena.SqlStates.CHECK;
import static io.github.pgfixture.examples.arena.SqlStates.FOREIGN_KEY;
import static io.github.pgfixture.examples.arena.SqlStates.UNIQUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every named constraint of the schema, broken by one statement in raw SQL: the statement fails with
 * the expected SQLSTATE and PostgreSQL names that constraint. Each case runs on a database of its
 * own, seeded with one of everything (ids 1). {@link #everyConstraintHasACase} fails when a
 * migration adds a constraint this table lacks.
 */
@TempDatabase(flyway = "db/arena")
class SchemaConstraintsTest {

    private static final String SEED = """
            INSERT INTO kinds (name) VALUES ('werewolf');
            INSERT INTO models (name, provider_model) VALUES ('m1', 'p/m1');
            INSERT INTO prompts (name, version, body) VALUES ('plain', 1, 'x');
            INSERT INTO agents (kind_id, model_id, prompt_id, alias) VALUES (1, 1, 1, 'a1');
            INSERT INTO games (kind_id) VALUES (1);
            INSERT INTO game_players (game_id, seat, agent_id, role, team) VALUES (1, 1, 1, 'seer', 1);
            INSERT INTO game_turns (game_id, turn_number, seat, observation, action, response_ms) VALUES (1, 0, 1, '{}', 'x', 1);
            INSERT INTO agent_ratings (agent_id) VALUES (1);
            """;

    private static final String GAME = "INSERT INTO games (kind_id, status, finished_at, winning_team, crashed, info) VALUES ";
    private static final String PLAYER = "INSERT INTO game_players (game_id, seat, agent_id, role, team, reward) VALUES ";
    private static final String TURN = "INSERT INTO game_turns (game_id, turn_number, seat, observation, action, "
            + "response_ms, tokens) VALUES ";
    private static final String CALL = "INSERT INTO llm_calls (turn_id, model_id, messages, response, sent_at, "
            + "received_at, prompt_tokens, completion_tokens) VALUES ";
    private static final String MSG = "'[{\"role\": \"user\"}]'";

    static Stream<Arguments> violations() {
        return Stream.of(
                arguments("models_name_key", UNIQUE, "INSERT INTO models (name, provider_model) VALUES ('m1', 'p')"),
                arguments("models_name_format", CHECK, "INSERT INTO models (name, provider_model) VALUES ('M 1', 'p')"),
                arguments("models_provider_model_not_blank", CHECK, "INSERT INTO models (name, provider_model) VALUES ('m2', ' ')"),
                arguments("kinds_name_key", UNIQUE, "INSERT INTO kinds (name) VALUES ('werewolf')"),
                arguments("kinds_name_format", CHECK, "INSERT INTO kinds (name) VALUES ('')"),
                arguments("prompts_name_version_key", UNIQUE, "INSERT INTO prompts (name, version, body) VALUES ('plain', 1, 'y')"),
                arguments("prompts_name_format", CHECK, "INSERT INTO prompts (name, version, body) VALUES ('Plain', 1, 'y')"),
                arguments("prompts_version_positive", CHECK,
                        "INSERT INTO prompts (name, version, parent_id, body) VALUES ('plain', 0, 1, 'y')"),
                arguments("prompts_root_has_no_parent", CHECK, "INSERT INTO prompts (name, version, body) VALUES ('plain', 2, 'y')"),
                arguments("prompts_body_not_blank", CHECK, "INSERT INTO prompts (name, version, body) VALUES ('other', 1, '')"),
                arguments("prompts_parent_id_fkey", FOREIGN_KEY,
                        "INSERT INTO prompts (name, version, parent_id, body) VALUES ('plain', 2, 99, 'y')"),
                arguments("agents_configuration_key", UNIQUE,
                        "INSERT INTO agents (kind_id, model_id, prompt_id, alias) VALUES (1, 1, 1, 'a2')"),
                arguments("agents_alias_key", UNIQUE, "INSERT INTO prompts (name, version, body) VALUES ('p2', 1, 'y'); "
                        + "INSERT INTO agents (kind_id, model_id, prompt_id, alias) VALUES (1, 1, 2, 'a1')"),
                arguments("agents_alias_format", CHECK, "INSERT INTO prompts (name, version, body) VALUES ('p2', 1, 'y'); "
                        + "INSERT INTO agents (kind_id, model_id, prompt_id, alias) VALUES (1, 1, 2, '_a')"),
                arguments("agents_kind_id_fkey", FOREIGN_KEY,
                        "INSERT INTO agents (kind_id, model_id, prompt_id, alias) VALUES (9, 1, 1, 'a2')"),
                arguments("agents_model_id_fkey", FOREIGN_KEY,
                        "INSERT INTO agents (kind_id, model_id, prompt_id, alias) VALUES (1, 9, 1, 'a2')"),
                arguments("agents_prompt_id_fkey", FOREIGN_KEY,
                        "INSERT INTO agents (kind_id, model_id, prompt_id, alias) VALUES (1, 1, 9, 'a2')"),
                arguments("games_kind_id_fkey", FOREIGN_KEY, "INSERT INTO games (kind_id) VALUES (9)"),
                arguments("games_status_known", CHECK, GAME + "(1, 'paused', now(), NULL, false, '{}')"),
                arguments("games_finished_iff_over", CHECK, GAME + "(1, 'finished', NULL, NULL, false, '{}')"),
                arguments("games_finish_after_start", CHECK,
                        GAME + "(1, 'finished', now() - interval '1 hour', NULL, false, '{}')"),
                arguments("games_winner_team_range", CHECK, GAME + "(1, 'finished', now(), 3, false, '{}')"),
                arguments("games_winner_only_when_finished", CHECK, GAME + "(1, 'abandoned', now(), 1, false, '{}')"),
                arguments("games_crash_ends_game", CHECK, GAME + "(1, 'running', NULL, NULL, true, '{}')"),
                arguments("games_info_object", CHECK, GAME + "(1, 'running', NULL, NULL, false, '\"text\"')"),
                arguments("game_players_pkey", UNIQUE, PLAYER + "(1, 1, 1, 'doctor', 1, NULL)"),
                arguments("game_players_seat_range", CHECK, PLAYER + "(1, 7, 1, 'doctor', 1, NULL)"),
                arguments("game_players_role_known", CHECK, PLAYER + "(1, 2, 1, 'mayor', 1, NULL)"),
                arguments("game_players_team_range", CHECK, PLAYER + "(1, 2, 1, 'doctor', 0, NULL)"),
                arguments("game_players_reward_range", CHECK, PLAYER + "(1, 2, 1, 'doctor', 1, -1.01)"),
                arguments("game_players_game_id_fkey", FOREIGN_KEY, PLAYER + "(9, 2, 1, 'doctor', 1, NULL)"),
                arguments("game_players_agent_id_fkey", FOREIGN_KEY, PLAYER + "(1, 2, 9, 'doctor', 1, NULL)"),
                arguments("game_turns_game_id_seat_fkey", FOREIGN_KEY, TURN + "(1, 0, 2, '{}', 'x', 1, 0)"),
                arguments("game_turns_turn_seat_key", UNIQUE, TURN + "(1, 0, 1, '{}', 'x', 1, 0)"),
                arguments("game_turns_turn_number_range", CHECK, TURN + "(1, -1, 1, '{}', 'x', 1, 0)"),
                arguments("game_turns_response_ms_range", CHECK, TURN + "(1, 1, 1, '{}', 'x', -1, 0)"),
                arguments("game_turns_tokens_range", CHECK, TURN + "(1, 1, 1, '{}', 'x', 1, -1)"),
                arguments("game_turns_observation_object", CHECK, TURN + "(1, 1, 1, '[]', 'x', 1, 0)"),
                arguments("llm_calls_turn_id_fkey", FOREIGN_KEY, CALL + "(9, 1, " + MSG + ", NULL, now(), NULL, 0, 0)"),
                arguments("llm_calls_model_id_fkey", FOREIGN_KEY, CALL + "(1, 9, " + MSG + ", NULL, now(), NULL, 0, 0)"),
                arguments("llm_calls_messages_array", CHECK, CALL + "(1, 1, '[]', NULL, now(), NULL, 0, 0)"),
                arguments("llm_calls_received_after_sent", CHECK,
                        CALL + "(1, 1, " + MSG + ", NULL, now(), now() - interval '1 s', 0, 0)"),
                arguments("llm_calls_response_when_received", CHECK, CALL + "(1, 1, " + MSG + ", '{}', now(), NULL, 0, 0)"),
                arguments("llm_calls_tokens_range", CHECK, CALL + "(1, 1, " + MSG + ", NULL, now(), NULL, 0, -3)"),
                arguments("agent_ratings_pkey", UNIQUE, "INSERT INTO agent_ratings (agent_id) VALUES (1)"),
                arguments("agent_ratings_agent_id_fkey", FOREIGN_KEY, "INSERT INTO agent_ratings (agent_id) VALUES (9)"),
                arguments("agent_ratings_mu_range", CHECK, "UPDATE agent_ratings SET mu = -1001"),
                arguments("agent_ratings_sigma_range", CHECK, "UPDATE agent_ratings SET sigma = 'NaN'"),
                arguments("agent_ratings_games_played_range", CHECK, "UPDATE agent_ratings SET games_played = -1"));
    }

    @BeforeEach
    void seed(@TempDatabase Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(SEED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void violation_failsWithItsSqlStateAndNamesTheConstraint(String constraint, String sqlState, String sql,
                                                              @TempDatabase Connection connection) {
        assertThatThrownBy(() -> {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState);
            assertThat(e.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
        });
    }

    @Test
    void everyConstraintHasACase(@TempDatabase Connection connection) throws SQLException {
        Set<String> declared = new HashSet<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                     + "WHERE n.nspname = 'public' AND c.contype IN ('c', 'f', 'u', 'p') "
                     + "AND c.conrelid <> 'flyway_schema_history'::regclass")) {
            while (rs.next()) {
                declared.add(rs.getString(1));
            }
        }
        Set<String> tested = violations().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        // primary keys on generated identity columns cannot be broken by an insert
        Set<String> identityKeys = Set.of("models_pkey", "kinds_pkey", "prompts_pkey", "agents_pkey", "games_pkey",
                "game_turns_pkey", "llm_calls_pkey");
        assertThat(tested).doesNotContainAnyElementsOf(identityKeys);
        Set<String> expected = new HashSet<>(declared);
        expected.removeAll(identityKeys);
        assertThat(tested).containsExactlyInAnyOrderElementsOf(expected);
    }
}
