package io.github.pgfixture.examples.springarena;

import org.springframework.data.relational.core.mapping.Table;

/** An agent in a seat of a game (part of the game's aggregate). */
@Table("game_players")
public record Player(short seat, Long agentId, String role, short team, Double reward) {

    public Player withReward(double value) {
        return new Player(seat, agentId, role, team, value);
    }
}
