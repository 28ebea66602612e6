package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

/** Turns: add and list, and the rules on them. */
@TempDatabase(flyway = "db/arena")
class TurnRepositoryTest {

    private TurnRepository turns;
    private GameRepository games;
    private Seed seed;
    private Game game;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        Arena arena = new Arena(database);
        turns = arena.turns();
        games = arena.games();
        seed = new Seed(arena);
        game = seed.gameWithPlayers();
    }

    @Test
    void addTurn_returnsTheTurn() {
        Turn turn = turns.addTurn(game.id(), 0, 2, "{\"alive\": [1, 2, 3]}", "kill 3", 1250, 340);
        assertThat(turn).isEqualTo(new Turn(turn.id(), game.id(), 0, 2, "{\"alive\": [1, 2, 3]}", "kill 3", 1250, 340));
    }

    @Test
    void turns_areInOrderOfPlay_turnThenSeat() {
        Turn t1s2 = turns.addTurn(game.id(), 1, 2, "{}", "b", 1, 1);
        Turn t0s5 = turns.addTurn(game.id(), 0, 5, "{}", "a", 1, 1);
        Turn t1s1 = turns.addTurn(game.id(), 1, 1, "{}", "c", 1, 1);
        assertThat(turns.turns(game.id())).containsExactly(t0s5, t1s1, t1s2);
    }

    @Test
    void turns_ofAnotherGame_areNotListed() {
        Game other = seed.gameWithPlayers();
        turns.addTurn(other.id(), 0, 1, "{}", "x", 1, 1);
        assertThat(turns.turns(game.id())).isEmpty();
    }

    @Test
    void addTurn_seatNobodySitsIn_isAForeignKeyViolation() {
        Game noPlayers = games.create(seed.kind().id(), null);
        assertSqlState(SqlStates.FOREIGN_KEY, () -> turns.addTurn(noPlayers.id(), 0, 1, "{}", "x", 1, 1));
    }

    @Test
    void addTurn_unknownGame_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> turns.addTurn(999, 0, 1, "{}", "x", 1, 1));
    }

    @Test
    void addTurn_sameTurnAndSeatTwice_isAUniqueViolation() {
        turns.addTurn(game.id(), 3, 4, "{}", "x", 1, 1);
        assertSqlState(SqlStates.UNIQUE, () -> turns.addTurn(game.id(), 3, 4, "{}", "y", 1, 1));
    }

    @Test
    void addTurn_negativeTurnNumber_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> turns.addTurn(game.id(), -1, 1, "{}", "x", 1, 1));
    }

    @Test
    void addTurn_negativeResponseTime_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> turns.addTurn(game.id(), 0, 1, "{}", "x", -5, 1));
    }

    @Test
    void addTurn_negativeTokens_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> turns.addTurn(game.id(), 0, 1, "{}", "x", 1, -1));
    }

    @Test
    void addTurn_observationThatIsAString_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> turns.addTurn(game.id(), 0, 1, "\"just text\"", "x", 1, 1));
    }

    @Test
    void addTurn_observationThatIsNoJson_isInvalidText() {
        assertSqlState(SqlStates.INVALID_TEXT, () -> turns.addTurn(game.id(), 0, 1, "alive: 1", "x", 1, 1));
    }

    @Test
    void addTurn_nullAction_isANotNullViolation() {
        assertSqlState(SqlStates.NOT_NULL, () -> turns.addTurn(game.id(), 0, 1, "{}", null, 1, 1));
    }
}
