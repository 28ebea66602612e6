package io.github.pgfixture.examples.arena;

/** An LLM as agents use it: our name for it, the provider's model name, and whether new games may use it. */
public record Model(long id, String name, String providerModel, boolean active) {
}
