package io.github.pgfixture.examples.arena.testng;

import io.github.pgfixture.examples.arena.Agent;
import io.github.pgfixture.examples.arena.Arena;
import io.github.pgfixture.examples.arena.DataAccessException;
import io.github.pgfixture.examples.arena.Game;
import io.github.pgfixture.examples.arena.GameFilter;
import io.github.pgfixture.examples.arena.GameStatus;
import io.github.pgfixture.examples.arena.Kind;
import io.github.pgfixture.examples.arena.Player;
import io.github.pgfixture.examples.arena.Prompt;
import io.github.pgfixture.examples.arena.Turn;
import io.github.pgfixture.testng.PgFixtureListener;
import io.github.pgfixture.testng.TempDatabase;
import org.testng.annotations.Listeners;
import org.testng.annotations.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A game from start to end under TestNG, the database handed over as an argument by the adapter's
 * data provider (the way that also works with {@code parallel="methods"}).
 */
@Listeners(PgFixtureListener.class)
@TempDatabase(flyway = "db/arena")
public class GameLifecycleTestNgTest {

    private static List<Agent> sixAgents(Arena arena, Kind kind) {
        Prompt prompt = arena.catalog().createPrompt("plain", "Play well.");
        List<Agent> agents = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            long model = arena.catalog().createModel("m" + i, "p/m" + i).id();
            agents.add(arena.agents().create(kind.id(), model, prompt.id(), "agent " + i));
        }
        return agents;
    }

    private static Game seated(Arena arena) {
        Kind kind = arena.catalog().createKind("werewolf", "");
        List<Agent> agents = sixAgents(arena, kind);
        Game game = arena.games().create(kind.id(), "{\"day\": 1}");
        for (int seat = 1; seat <= 6; seat++) {
            arena.games().addPlayer(game.id(), seat, agents.get(seat - 1).id(), seat <= 2 ? "werewolf" : "villager",
                    seat <= 2 ? 2 : 1);
        }
        return game;
    }

    @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
    public void aFullGame_isPlayedAndFinished(DataSource database) {
        Arena arena = new Arena(database);
        Game game = seated(arena);
        for (int turn = 0; turn < 3; turn++) {
            for (int seat = 1; seat <= 6; seat++) {
                arena.turns().addTurn(game.id(), turn, seat, "{}", "pass", 100, 10);
            }
        }
        for (Player player : arena.games().players(game.id())) {
            arena.games().updatePlayer(new Player(player.gameId(), player.seat(), player.agentId(), player.role(),
                    player.team(), player.team() == 1 ? 1.0 : -1.0));
        }
        Game finished = arena.games().finish(game.id(), 1, false);
        assertThat(finished.status()).isEqualTo(GameStatus.FINISHED);
        assertThat(arena.turns().turns(game.id())).hasSize(18);
        assertThat(arena.games().players(game.id())).extracting(Player::reward).containsOnly(1.0, -1.0);
    }

    @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
    public void aSeventhPlayer_hasNoSeat(DataSource database) {
        Arena arena = new Arena(database);
        Game game = seated(arena);
        long agent = arena.games().players(game.id()).get(0).agentId();
        assertThatThrownBy(() -> arena.games().addPlayer(game.id(), 7, agent, "villager", 1))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("23514"));
    }

    @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
    public void aCrashedGame_isFoundByTheCrashFilter(DataSource database) {
        Arena arena = new Arena(database);
        Game game = seated(arena);
        arena.games().finish(game.id(), null, true);
        assertThat(arena.games().page(GameFilter.all().withCrashed(true), 0, 5).items()).extracting(Game::id)
                .containsExactly(game.id());
    }

    @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
    public void deletingTheGame_removesItsTurns(DataSource database) {
        Arena arena = new Arena(database);
        Game game = seated(arena);
        Turn turn = arena.turns().addTurn(game.id(), 0, 1, "{}", "x", 1, 1);
        assertThat(arena.games().delete(game.id())).isTrue();
        assertThat(arena.turns().turns(game.id())).doesNotContain(turn).isEmpty();
    }

    @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
    public void aTurnOfAnEmptySeat_isAForeignKeyViolation(DataSource database) {
        Arena arena = new Arena(database);
        Kind kind = arena.catalog().createKind("werewolf", "");
        Game game = arena.games().create(kind.id(), null);
        assertThatThrownBy(() -> arena.turns().addTurn(game.id(), 0, 1, "{}", "x", 1, 1))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("23503"));
    }

    @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
    public void everyMethodGetsAnEmptyDatabase(DataSource database) {
        Arena arena = new Arena(database);
        assertThat(arena.games().page(GameFilter.all(), 0, 1).total()).isZero();
        assertThat(arena.catalog().activeKinds()).isEmpty();
    }
}
