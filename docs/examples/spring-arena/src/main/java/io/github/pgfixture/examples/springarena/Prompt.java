package io.github.pgfixture.examples.springarena;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A prompt version: immutable once written but for {@code active}; a change is a fork. */
@Table("prompts")
public record Prompt(@Id Long id, String name, int version, Long parentId, String body, boolean active) {

    public static Prompt first(String name, String body) {
        return new Prompt(null, name, 1, null, body, true);
    }

    public Prompt fork(String newBody) {
        return new Prompt(null, name, version + 1, id, newBody, true);
    }
}
