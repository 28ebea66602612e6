package io.github.pgfixture.examples.springarena;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Set;

/** A game and its players, one aggregate; {@code started_at} is set by the database. */
@Table("games")
public record Game(@Id Long id, Long kindId, String status, @ReadOnlyProperty Instant startedAt, Instant finishedAt,
                   Short winningTeam, boolean crashed, @MappedCollection(idColumn = "game_id") Set<Player> players) {

    public static Game start(Kind kind, Set<Player> players) {
        return new Game(null, kind.id(), "running", null, null, null, false, players);
    }

    public Game finish(Instant at, Short winner, boolean crash, Set<Player> rewarded) {
        return new Game(id, kindId, "finished", startedAt, at, winner, crash, rewarded);
    }
}
