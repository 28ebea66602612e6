package io.github.pgfixture.examples.springarena;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One kind + model + prompt, under a unique alias. */
@Table("agents")
public record Agent(@Id Long id, Long kindId, Long modelId, Long promptId, String alias) {

    public static Agent of(Kind kind, Model model, Prompt prompt, String alias) {
        return new Agent(null, kind.id(), model.id(), prompt.id(), alias);
    }
}
