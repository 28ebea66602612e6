package io.github.pgfixture.examples.arena;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows the tests build on, made through the repositories. Each test has a database of its own, so
 * fixed names never collide.
 */
final class Seed {

    static final String[] ROLES = {"werewolf", "werewolf", "seer", "doctor", "villager", "villager"};

    private final Arena arena;

    Seed(Arena arena) {
        this.arena = arena;
    }

    Kind kind() {
        return arena.catalog().kindByName("werewolf")
                .orElseGet(() -> arena.catalog().createKind("werewolf", "six players, two teams"));
    }

    Model model(String name) {
        return arena.catalog().modelByName(name).orElseGet(() -> arena.catalog().createModel(name, "provider/" + name));
    }

    Prompt prompt(String name) {
        return arena.catalog().promptByName(name).orElseGet(() -> arena.catalog().createPrompt(name, "You are " + name + "."));
    }

    /** An agent of the werewolf kind on model {@code model} with prompt "plain". */
    Agent agent(String model) {
        return arena.agents().getOrCreate(kind().id(), model(model).id(), prompt("plain").id(), model + "-plain");
    }

    /** Six agents, on models m1 to m6. */
    List<Agent> sixAgents() {
        List<Agent> agents = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            agents.add(agent("m" + i));
        }
        return agents;
    }

    /** A running game with six agents seated: seats 1-2 team 2 (werewolves), 3-6 team 1. */
    Game gameWithPlayers(List<Agent> agents) {
        Game game = arena.games().create(kind().id(), "{\"map\": \"village\"}");
        for (int seat = 1; seat <= 6; seat++) {
            arena.games().addPlayer(game.id(), seat, agents.get(seat - 1).id(), ROLES[seat - 1], seat <= 2 ? 2 : 1);
        }
        return game;
    }

    Game gameWithPlayers() {
        return gameWithPlayers(sixAgents());
    }
}
