package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Games: create, finish, abandon, get, delete. Paging has {@link GamePagingTest}. */
@TempDatabase(flyway = "db/arena")
class GameRepositoryTest {

    private Arena arena;
    private GameRepository games;
    private Kind kind;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        arena = new Arena(database);
        games = arena.games();
        kind = new Seed(arena).kind();
    }

    @Test
    void create_isRunningWithEmptyInfo() {
        Game game = games.create(kind.id(), null);
        assertThat(game.status()).isEqualTo(GameStatus.RUNNING);
        assertThat(game.startedAt()).isNotNull();
        assertThat(game.finishedAt()).isNull();
        assertThat(game.winningTeam()).isNull();
        assertThat(game.crashed()).isFalse();
        assertThat(game.info()).isEqualTo("{}");
    }

    @Test
    void create_withInfo_storesItAsJsonb() {
        Game game = games.create(kind.id(), "{\"seed\":  42, \"map\": \"village\"}");
        assertThat(games.get(game.id())).hasValueSatisfying(g -> assertThat(g.info())
                .isEqualTo("{\"map\": \"village\", \"seed\": 42}")); // jsonb's own key order and spacing
    }

    @Test
    void create_infoThatIsAnArray_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> games.create(kind.id(), "[1, 2]"));
    }

    @Test
    void create_infoThatIsNoJson_isInvalidText() {
        assertSqlState(SqlStates.INVALID_TEXT, () -> games.create(kind.id(), "{not json"));
    }

    @Test
    void create_unknownKind_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> games.create(999, null));
    }

    @Test
    void finish_withAWinner_recordsItAndTheEnd() {
        Game game = games.create(kind.id(), null);
        Game finished = games.finish(game.id(), 2, false);
        assertThat(finished.status()).isEqualTo(GameStatus.FINISHED);
        assertThat(finished.winningTeam()).isEqualTo(2);
        assertThat(finished.finishedAt()).isAfterOrEqualTo(finished.startedAt());
        assertThat(games.get(game.id())).contains(finished);
    }

    @Test
    void finish_asADraw_hasNoWinner() {
        Game game = games.create(kind.id(), null);
        assertThat(games.finish(game.id(), null, false).winningTeam()).isNull();
    }

    @Test
    void finish_crashed_hasNoWinner() {
        Game game = games.create(kind.id(), null);
        Game crashed = games.finish(game.id(), null, true);
        assertThat(crashed.crashed()).isTrue();
        assertThat(crashed.status()).isEqualTo(GameStatus.FINISHED);
    }

    @Test
    void finish_crashedWithAWinner_isACheckViolation() {
        Game game = games.create(kind.id(), null);
        assertSqlState(SqlStates.CHECK, () -> games.finish(game.id(), 1, true));
        assertThat(games.get(game.id())).contains(game);
    }

    @Test
    void finish_teamThree_isACheckViolation() {
        Game game = games.create(kind.id(), null);
        assertSqlState(SqlStates.CHECK, () -> games.finish(game.id(), 3, false));
    }

    @Test
    void finish_twice_isRefused() {
        Game game = games.create(kind.id(), null);
        games.finish(game.id(), 1, false);
        assertThatIllegalStateException().isThrownBy(() -> games.finish(game.id(), 2, false))
                .withMessageContaining("not running");
        assertThat(games.get(game.id())).hasValueSatisfying(g -> assertThat(g.winningTeam()).isEqualTo(1));
    }

    @Test
    void finish_unknownGame_isRefused() {
        assertThatIllegalStateException().isThrownBy(() -> games.finish(404, 1, false));
    }

    @Test
    void abandon_running_endsItWithoutResult() {
        Game game = games.create(kind.id(), null);
        Game abandoned = games.abandon(game.id());
        assertThat(abandoned.status()).isEqualTo(GameStatus.ABANDONED);
        assertThat(abandoned.finishedAt()).isNotNull();
        assertThat(abandoned.winningTeam()).isNull();
    }

    @Test
    void abandon_finishedGame_isRefused() {
        Game game = games.create(kind.id(), null);
        games.finish(game.id(), 1, false);
        assertThatIllegalStateException().isThrownBy(() -> games.abandon(game.id()));
    }

    @Test
    void get_unknownIsEmpty() {
        assertThat(games.get(1)).isEmpty();
    }

    @Test
    void delete_removesTheGameWithItsPlayersTurnsAndCalls() {
        Seed seed = new Seed(arena);
        Game game = seed.gameWithPlayers();
        Turn turn = arena.turns().addTurn(game.id(), 0, 1, "{}", "vote 3", 800, 120);
        arena.turns().addCall(turn.id(), seed.model("m1").id(), "[{\"role\": \"user\"}]", null, java.time.OffsetDateTime.now(),
                null, 0, 0);
        assertThat(games.delete(game.id())).isTrue();
        assertThat(games.get(game.id())).isEmpty();
        assertThat(games.players(game.id())).isEmpty();
        assertThat(arena.turns().turns(game.id())).isEmpty();
        assertThat(arena.turns().calls(turn.id())).isEmpty();
    }

    @Test
    void delete_leavesOtherGamesAndTheAgents() {
        Seed seed = new Seed(arena);
        Game doomed = seed.gameWithPlayers();
        Game other = seed.gameWithPlayers();
        games.delete(doomed.id());
        assertThat(games.get(other.id())).contains(other);
        assertThat(games.players(other.id())).hasSize(6);
        assertThat(arena.agents().randomSample(kind.id(), 10)).hasSize(6);
    }

    @Test
    void delete_unknownGame_returnsFalse() {
        assertThat(games.delete(31)).isFalse();
    }
}
