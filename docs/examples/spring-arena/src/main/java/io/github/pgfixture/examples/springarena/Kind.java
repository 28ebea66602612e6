package io.github.pgfixture.examples.springarena;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A game that agents play. */
@Table("kinds")
public record Kind(@Id Long id, String name, String description, boolean active) {

    public static Kind of(String name, String description) {
        return new Kind(null, name, description, true);
    }
}
