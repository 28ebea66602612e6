package io.github.pgfixture.examples.springarena;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/** An agent's TrueSkill rating; {@code conservative} (mu - 3 sigma) is computed by the database. */
@Table("agent_ratings")
public record Rating(@Id Long agentId, double mu, double sigma, int gamesPlayed, @ReadOnlyProperty Double conservative) {

    public static Rating initial(Long agentId) {
        return new Rating(agentId, 25, 25.0 / 3, 0, null);
    }

    public Rating after(double reward) {
        return new Rating(agentId, mu + 2 * reward, Math.max(1, sigma * 0.95), gamesPlayed + 1, null);
    }
}
