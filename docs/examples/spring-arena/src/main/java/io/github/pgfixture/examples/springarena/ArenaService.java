package io.github.pgfixture.examples.springarena;

import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Plays games: seats agents, records the outcome and moves every player's rating, in one transaction each. */
@Service
public class ArenaService {

    private final GameRepository games;
    private final RatingRepository ratings;
    private final JdbcAggregateTemplate aggregates;

    public ArenaService(GameRepository games, RatingRepository ratings, JdbcAggregateTemplate aggregates) {
        this.games = games;
        this.ratings = ratings;
        this.aggregates = aggregates;
    }

    /** A running game of {@code kind} with {@code agents} in seats 1, 2, ... (the first half team 1). */
    @Transactional
    public Game start(Kind kind, List<Agent> agents) {
        Set<Player> players = new java.util.HashSet<>();
        for (int i = 0; i < agents.size(); i++) {
            boolean wolf = i >= agents.size() / 2;
            players.add(new Player((short) (i + 1), agents.get(i).id(), wolf ? "werewolf" : "villager",
                    (short) (wolf ? 2 : 1), null));
        }
        return games.save(Game.start(kind, players));
    }

    /**
     * Finishes {@code game}: team {@code winner} gets reward 1, the other -1, and every player's
     * rating moves (made on the player's first game). All or nothing.
     */
    @Transactional
    public Game finish(long gameId, short winner) {
        Game game = games.findById(gameId).orElseThrow(() -> new IllegalArgumentException("no game " + gameId));
        Set<Player> rewarded = game.players().stream()
                .map(p -> p.withReward(p.team() == winner ? 1 : -1)).collect(Collectors.toSet());
        Game finished = games.save(game.finish(Instant.now(), winner, false, rewarded));
        for (Player player : rewarded) {
            Rating rating = ratings.findById(player.agentId()).orElse(null);
            if (rating == null) {
                aggregates.insert(Rating.initial(player.agentId()).after(player.reward()));
            } else {
                ratings.save(rating.after(player.reward()));
            }
        }
        return finished;
    }

    /** Games played per agent id, from the ratings. */
    public Map<Long, Integer> gamesPlayed() {
        return ratings.findAll().stream().collect(Collectors.toMap(Rating::agentId, Rating::gamesPlayed));
    }
}
