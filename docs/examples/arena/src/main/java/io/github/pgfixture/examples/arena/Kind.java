package io.github.pgfixture.examples.arena;

/** A kind of agent: the game it is built to play. */
public record Kind(long id, String name, String description, boolean active) {
}
