package io.github.pgfixture.examples.arena;

/**
 * What the player in {@code seat} saw (a JSON object) and did in turn {@code turnNumber}, how long
 * its agent took and how many tokens it spent.
 */
public record Turn(long id, long gameId, int turnNumber, int seat, String observation, String action, int responseMs,
                   int tokens) {
}
