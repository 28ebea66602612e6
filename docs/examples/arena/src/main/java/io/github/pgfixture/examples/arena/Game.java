package io.github.pgfixture.examples.arena;

import java.time.OffsetDateTime;

/**
 * A game of six players in two teams. {@code finishedAt} is set once it is no longer running;
 * {@code winningTeam} (1 or 2) only for a finished game that did not crash. {@code info} is a JSON
 * object (stored as jsonb, so key order and spacing are PostgreSQL's).
 */
public record Game(long id, long kindId, GameStatus status, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                   Integer winningTeam, boolean crashed, String info) {
}
