package io.github.pgfixture.examples.arena;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** The turns of a game and the LLM calls made during each. */
public final class TurnRepository {

    private static final String TURN_COLUMNS = "id, game_id, turn_number, seat, observation, action, response_ms, tokens";
    private static final String CALL_COLUMNS = "c.id, c.turn_id, c.model_id, c.messages, c.response, c.sent_at, "
            + "c.received_at, c.prompt_tokens, c.completion_tokens";

    private final Jdbc jdbc;

    TurnRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records what the player in {@code seat} saw and did in turn {@code turnNumber} (from 0).
     *
     * @param observation a JSON object
     * @throws DataAccessException 23503 if nobody sits in {@code seat} of that game, 23505 if that
     *                             seat already has this turn, 23514 for negative numbers or an
     *                             observation that is not an object
     */
    public Turn addTurn(long gameId, int turnNumber, int seat, String observation, String action, int responseMs,
                        int tokens) {
        return jdbc.one("INSERT INTO game_turns (game_id, turn_number, seat, observation, action, response_ms, tokens) "
                        + "VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?) RETURNING " + TURN_COLUMNS, TurnRepository::turn,
                gameId, turnNumber, seat, observation, action, responseMs, tokens).orElseThrow();
    }

    /** The game's turns in order of play: by turn number, then seat. */
    public List<Turn> turns(long gameId) {
        return jdbc.list("SELECT " + TURN_COLUMNS + " FROM game_turns WHERE game_id = ? ORDER BY turn_number, seat",
                TurnRepository::turn, gameId);
    }

    /**
     * Records a call to {@code modelId} during {@code turnId}.
     *
     * @param messages   a non-empty JSON array
     * @param response   JSON, or null while no response arrived (then {@code receivedAt} may be null too)
     * @throws DataAccessException 23503 for an unknown turn or model, 23514 for an empty or non-array
     *                             {@code messages}, a response without {@code receivedAt}, a
     *                             {@code receivedAt} before {@code sentAt}, or negative token counts
     */
    public LlmCall addCall(long turnId, long modelId, String messages, String response, OffsetDateTime sentAt,
                           OffsetDateTime receivedAt, int promptTokens, int completionTokens) {
        return jdbc.one("INSERT INTO llm_calls AS c (turn_id, model_id, messages, response, sent_at, received_at, "
                        + "prompt_tokens, completion_tokens) VALUES (?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?) "
                        + "RETURNING " + CALL_COLUMNS, TurnRepository::call,
                turnId, modelId, messages, response, sentAt, receivedAt, promptTokens, completionTokens).orElseThrow();
    }

    /** The calls of one turn, in the order they were sent. */
    public List<LlmCall> calls(long turnId) {
        return jdbc.list("SELECT " + CALL_COLUMNS + " FROM llm_calls c WHERE c.turn_id = ? ORDER BY c.sent_at, c.id",
                TurnRepository::call, turnId);
    }

    /** Every call of a game, in order of play (turn, seat), then as sent. */
    public List<LlmCall> callsOfGame(long gameId) {
        return jdbc.list("SELECT " + CALL_COLUMNS + " FROM llm_calls c JOIN game_turns t ON t.id = c.turn_id "
                + "WHERE t.game_id = ? ORDER BY t.turn_number, t.seat, c.sent_at, c.id", TurnRepository::call, gameId);
    }

    static Turn turn(ResultSet rs) throws SQLException {
        return new Turn(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                rs.getInt(7), rs.getInt(8));
    }

    static LlmCall call(ResultSet rs) throws SQLException {
        return new LlmCall(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class), rs.getInt(8), rs.getInt(9));
    }
}
