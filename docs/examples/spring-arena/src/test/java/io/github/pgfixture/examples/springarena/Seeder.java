package io.github.pgfixture.examples.springarena;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeds a test's clone through the repositories: a werewolf kind, a model and {@code n} agents, each
 * with a prompt of its own. Found by {@code @SpringBootTest}'s component scan; {@code @Import} it into a slice.
 */
@Component
public class Seeder {

    private final KindRepository kinds;
    private final ModelRepository models;
    private final PromptRepository prompts;
    private final AgentRepository agents;

    public Seeder(KindRepository kinds, ModelRepository models, PromptRepository prompts, AgentRepository agents) {
        this.kinds = kinds;
        this.models = models;
        this.prompts = prompts;
        this.agents = agents;
    }

    public Seed seed(int n) {
        Kind kind = kinds.save(Kind.of("werewolf", "six players, two teams"));
        Model model = models.save(Model.of("gpt-x", "provider/gpt-x"));
        List<Agent> created = new ArrayList<>();
        Prompt prompt = null;
        for (int i = 1; i <= n; i++) {
            prompt = prompts.save(Prompt.first("style-" + i, "You play werewolf, style " + i + "."));
            created.add(agents.save(Agent.of(kind, model, prompt, "agent " + i)));
        }
        return new Seed(kind, model, prompt, created);
    }
}
