package io.github.pgfixture.examples.springarena;

import java.util.List;

/** What {@link Seeder} made: a kind, a model, the last prompt and the agents. */
public record Seed(Kind kind, Model model, Prompt prompt, List<Agent> agents) {
}
