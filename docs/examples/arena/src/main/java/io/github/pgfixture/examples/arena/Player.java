package io.github.pgfixture.examples.arena;

/**
 * An agent in seat 1 to 6 of a game, with its role, its team (1 or 2) and, once known, its reward
 * (from -1 to 1).
 */
public record Player(long gameId, int seat, long agentId, String role, int team, Double reward) {
}
