package io.github.pgfixture.examples.arena;

/**
 * An immutable prompt. Version 1 of a name has no parent; a later version forks from an earlier one
 * ({@code parentId}) and keeps its name. Only {@code active} can change.
 */
public record Prompt(long id, String name, int version, Long parentId, String body, boolean active) {
}
