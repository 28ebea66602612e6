package io.github.pgfixture.examples.arena;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Games and their six players. Deleting a game deletes its players, turns and LLM calls with it
 * (the schema's ON DELETE CASCADE); nothing else is deleted by deleting something.
 */
public final class GameRepository {

    private static final String COLUMNS = "g.id, g.kind_id, g.status, g.started_at, g.finished_at, g.winning_team, "
            + "g.crashed, g.info";
    private static final String PLAYER_COLUMNS = "game_id, seat, agent_id, role, team, reward";

    private final Jdbc jdbc;

    GameRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A running game, started now.
     *
     * @param info a JSON object; {@code null} for {@code {}}
     * @throws DataAccessException 23514 if {@code info} is JSON but no object, 22P02 if it is no JSON
     */
    public Game create(long kindId, String info) {
        return jdbc.one("INSERT INTO games AS g (kind_id, info) VALUES (?, COALESCE(CAST(? AS jsonb), '{}')) RETURNING "
                + COLUMNS, GameRepository::game, kindId, info).orElseThrow();
    }

    /**
     * Ends a running game now: finished, with {@code winningTeam} (1, 2, or null for a draw), or
     * crashed (then without a winner).
     *
     * @throws IllegalStateException if the game does not exist or is not running
     * @throws DataAccessException   23514 for a winner outside 1 and 2, or a crashed game with a winner
     */
    public Game finish(long gameId, Integer winningTeam, boolean crashed) {
        return jdbc.one("UPDATE games AS g SET status = 'finished', finished_at = greatest(now(), started_at), "
                                + "winning_team = ?, crashed = ? WHERE id = ? AND status = 'running' RETURNING " + COLUMNS,
                        GameRepository::game, winningTeam, crashed, gameId)
                .orElseThrow(() -> new IllegalStateException("Game " + gameId + " is not running (or does not exist), "
                        + "so it cannot be finished."));
    }

    /** Ends a running game without a result. @throws IllegalStateException if it is not running */
    public Game abandon(long gameId) {
        return jdbc.one("UPDATE games AS g SET status = 'abandoned', finished_at = greatest(now(), started_at) "
                        + "WHERE id = ? AND status = 'running' RETURNING " + COLUMNS, GameRepository::game, gameId)
                .orElseThrow(() -> new IllegalStateException("Game " + gameId + " is not running (or does not exist), "
                        + "so it cannot be abandoned."));
    }

    public Optional<Game> get(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM games g WHERE g.id = ?", GameRepository::game, id);
    }

    /**
     * The games that match {@code filter}, newest first (by start, then id), from {@code offset}, at
     * most {@code limit}; with the number that match in all.
     */
    public Page<Game> page(GameFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("Page from " + offset + " of " + limit + ": offset must be 0 or more, "
                    + "limit 1 or more.");
        }
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (filter.status() != null) {
            where.append(" AND g.status = ?");
            parameters.add(filter.status().sql());
        }
        if (filter.kindId() != null) {
            where.append(" AND g.kind_id = ?");
            parameters.add(filter.kindId());
        }
        if (filter.crashed() != null) {
            where.append(" AND g.crashed = ?");
            parameters.add(filter.crashed());
        }
        if (filter.agentId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM game_players p WHERE p.game_id = g.id AND p.agent_id = ?)");
            parameters.add(filter.agentId());
        }
        long total = jdbc.one("SELECT count(*) FROM games g" + where, rs -> rs.getLong(1), parameters.toArray()).orElseThrow();
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(limit);
        paged.add(offset);
        List<Game> games = jdbc.list("SELECT " + COLUMNS + " FROM games g" + where
                + " ORDER BY g.started_at DESC, g.id DESC LIMIT ? OFFSET ?", GameRepository::game, paged.toArray());
        return new Page<>(games, offset, limit, total);
    }

    /** Deletes the game with its players, turns and LLM calls. @return false if there was none */
    public boolean delete(long gameId) {
        return jdbc.update("DELETE FROM games WHERE id = ?", gameId) == 1;
    }

    // players

    /**
     * Seats {@code agentId} in {@code seat} (1 to 6).
     *
     * @throws DataAccessException 23505 if the seat is taken, 23514 for a seat, role or team out of
     *                             range, 23503 if the game or agent does not exist
     */
    public Player addPlayer(long gameId, int seat, long agentId, String role, int team) {
        return jdbc.one("INSERT INTO game_players (game_id, seat, agent_id, role, team) VALUES (?, ?, ?, ?, ?) "
                + "RETURNING " + PLAYER_COLUMNS, GameRepository::player, gameId, seat, agentId, role, team).orElseThrow();
    }

    /**
     * Changes the role, team and reward of the player in {@code player.seat()} of
     * {@code player.gameId()}; its agent stays.
     *
     * @return false if that seat is empty
     */
    public boolean updatePlayer(Player player) {
        return jdbc.update("UPDATE game_players SET role = ?, team = ?, reward = ? WHERE game_id = ? AND seat = ?",
                player.role(), player.team(), player.reward(), player.gameId(), player.seat()) == 1;
    }

    /** The game's players by seat. */
    public List<Player> players(long gameId) {
        return jdbc.list("SELECT " + PLAYER_COLUMNS + " FROM game_players WHERE game_id = ? ORDER BY seat",
                GameRepository::player, gameId);
    }

    static Game game(ResultSet rs) throws SQLException {
        return new Game(rs.getLong(1), rs.getLong(2), GameStatus.of(rs.getString(3)), rs.getObject(4, OffsetDateTime.class),
                rs.getObject(5, OffsetDateTime.class), Jdbc.nullableInt(rs, "winning_team"), rs.getBoolean(7),
                rs.getString(8));
    }

    static Player player(ResultSet rs) throws SQLException {
        return new Player(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                Jdbc.nullableDouble(rs, "reward"));
    }
}
