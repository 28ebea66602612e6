package io.github.pgfixture.examples.arena;

/** An agent with the kind, model and prompt it refers to, read in one query. */
public record AgentDetails(Agent agent, Kind kind, Model model, Prompt prompt) {
}
