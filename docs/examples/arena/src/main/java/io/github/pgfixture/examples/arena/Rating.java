package io.github.pgfixture.examples.arena;

/** An agent's TrueSkill rating after {@code gamesPlayed} rated games. */
public record Rating(long agentId, double mu, double sigma, int gamesPlayed) {

    /** The leaderboard's key: {@code mu - 3 sigma}, a rating the agent is very likely above. */
    public double conservative() {
        return mu - 3 * sigma;
    }
}
