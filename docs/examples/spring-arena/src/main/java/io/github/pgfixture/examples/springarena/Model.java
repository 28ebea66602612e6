package io.github.pgfixture.examples.springarena;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An LLM that agents run on. */
@Table("models")
public record Model(@Id Long id, String name, String providerModel, boolean active) {

    public static Model of(String name, String providerModel) {
        return new Model(null, name, providerModel, true);
    }

    public Model retired() {
        return new Model(id, name, providerModel, false);
    }
}
