package io.github.pgfixture.examples.arena;

/** One kind, one model, one prompt (a configuration that exists at most once), and a unique alias. */
public record Agent(long id, long kindId, long modelId, long promptId, String alias) {
}
