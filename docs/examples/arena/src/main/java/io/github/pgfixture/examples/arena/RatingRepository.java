package io.github.pgfixture.examples.arena;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** TrueSkill ratings, one per agent, and leaderboards by the conservative estimate {@code mu - 3 sigma}. */
public final class RatingRepository {

    private static final String COLUMNS = "r.agent_id, r.mu, r.sigma, r.games_played";

    private final Jdbc jdbc;

    RatingRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the agent's rating after one more rated game: the first call creates it with one game
     * played, each later one replaces mu and sigma and counts one game more. Atomic, also when two
     * calls for one agent race.
     *
     * @throws DataAccessException 23503 for an unknown agent, 23514 for mu outside ±1000 or sigma
     *                             not in (0, 1000] (NaN included)
     */
    public Rating record(long agentId, double mu, double sigma) {
        return jdbc.one("INSERT INTO agent_ratings AS r (agent_id, mu, sigma, games_played) VALUES (?, ?, ?, 1) "
                + "ON CONFLICT (agent_id) DO UPDATE SET mu = EXCLUDED.mu, sigma = EXCLUDED.sigma, "
                + "games_played = r.games_played + 1, updated_at = now() RETURNING " + COLUMNS,
                RatingRepository::rating, agentId, mu, sigma).orElseThrow();
    }

    public Optional<Rating> get(long agentId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM agent_ratings r WHERE r.agent_id = ?", RatingRepository::rating, agentId);
    }

    /** The {@code n} best-rated agents by {@code mu - 3 sigma}, best first; ties by agent id. */
    public List<Rating> top(int n) {
        return jdbc.list("SELECT " + COLUMNS + " FROM agent_ratings r ORDER BY r.conservative DESC, r.agent_id LIMIT ?",
                RatingRepository::rating, n);
    }

    /** As {@link #top(int)}, among agents of one kind. */
    public List<Rating> top(long kindId, int n) {
        return jdbc.list("SELECT " + COLUMNS + " FROM agent_ratings r JOIN agents a ON a.id = r.agent_id "
                + "WHERE a.kind_id = ? ORDER BY r.conservative DESC, r.agent_id LIMIT ?", RatingRepository::rating, kindId, n);
    }

    private static Rating rating(ResultSet rs) throws SQLException {
        return new Rating(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4));
    }
}
