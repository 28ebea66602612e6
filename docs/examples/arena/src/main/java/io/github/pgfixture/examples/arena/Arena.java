package io.github.pgfixture.examples.arena;

import javax.sql.DataSource;

/**
 * The arena's persistence layer over one data source, as plain JDBC: each method is one SQL
 * statement (two for a page), on a connection of its own, in autocommit. Thread-safe.
 *
 * <pre>{@code
 * Arena arena = new Arena(dataSource);
 * Kind werewolf = arena.catalog().createKind("werewolf", "six players, two teams");
 * }</pre>
 */
public final class Arena {

    private final CatalogRepository catalog;
    private final AgentRepository agents;
    private final GameRepository games;
    private final TurnRepository turns;
    private final RatingRepository ratings;

    public Arena(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        this.catalog = new CatalogRepository(jdbc);
        this.agents = new AgentRepository(jdbc);
        this.games = new GameRepository(jdbc);
        this.turns = new TurnRepository(jdbc);
        this.ratings = new RatingRepository(jdbc);
    }

    /** Models, kinds and prompts. */
    public CatalogRepository catalog() {
        return catalog;
    }

    public AgentRepository agents() {
        return agents;
    }

    /** Games and their players. */
    public GameRepository games() {
        return games;
    }

    /** Turns and LLM calls. */
    public TurnRepository turns() {
        return turns;
    }

    public RatingRepository ratings() {
        return ratings;
    }
}
