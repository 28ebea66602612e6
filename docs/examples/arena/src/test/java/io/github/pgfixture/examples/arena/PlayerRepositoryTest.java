package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

/** Players: six seats per game, roles, teams, rewards. */
@TempDatabase(flyway = "db/arena")
class PlayerRepositoryTest {

    private GameRepository games;
    private Seed seed;
    private Game game;
    private List<Agent> agents;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        Arena arena = new Arena(database);
        games = arena.games();
        seed = new Seed(arena);
        agents = seed.sixAgents();
        game = games.create(seed.kind().id(), null);
    }

    @Test
    void addPlayer_returnsThePlayerWithoutReward() {
        Player player = games.addPlayer(game.id(), 1, agents.get(0).id(), "seer", 1);
        assertThat(player).isEqualTo(new Player(game.id(), 1, agents.get(0).id(), "seer", 1, null));
    }

    @Test
    void players_ofAFullGame_areSixBySeat() {
        Game full = seed.gameWithPlayers(agents);
        assertThat(games.players(full.id())).extracting(Player::seat).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(games.players(full.id())).extracting(Player::agentId)
                .containsExactlyElementsOf(agents.stream().map(Agent::id).toList());
    }

    @Test
    void players_ofAnotherGame_areNotListed() {
        seed.gameWithPlayers(agents);
        assertThat(games.players(game.id())).isEmpty();
    }

    @Test
    void addPlayer_seatTaken_isAUniqueViolation() {
        games.addPlayer(game.id(), 3, agents.get(0).id(), "seer", 1);
        assertSqlState(SqlStates.UNIQUE, () -> games.addPlayer(game.id(), 3, agents.get(1).id(), "doctor", 1));
    }

    @Test
    void addPlayer_seatSeven_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> games.addPlayer(game.id(), 7, agents.get(0).id(), "seer", 1));
    }

    @Test
    void addPlayer_seatZero_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> games.addPlayer(game.id(), 0, agents.get(0).id(), "seer", 1));
    }

    @Test
    void addPlayer_unknownRole_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> games.addPlayer(game.id(), 1, agents.get(0).id(), "mayor", 1));
    }

    @Test
    void addPlayer_teamThree_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> games.addPlayer(game.id(), 1, agents.get(0).id(), "seer", 3));
    }

    @Test
    void addPlayer_unknownAgent_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> games.addPlayer(game.id(), 1, 999, "seer", 1));
    }

    @Test
    void addPlayer_unknownGame_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> games.addPlayer(999, 1, agents.get(0).id(), "seer", 1));
    }

    @Test
    void addPlayer_oneAgentInTwoSeats_isAllowed_forSelfPlay() {
        games.addPlayer(game.id(), 1, agents.get(0).id(), "werewolf", 2);
        games.addPlayer(game.id(), 2, agents.get(0).id(), "villager", 1);
        assertThat(games.players(game.id())).hasSize(2);
    }

    @Test
    void updatePlayer_changesRoleTeamAndReward_notTheAgent() {
        games.addPlayer(game.id(), 4, agents.get(0).id(), "villager", 1);
        Player changed = new Player(game.id(), 4, agents.get(5).id(), "werewolf", 2, -0.5);
        assertThat(games.updatePlayer(changed)).isTrue();
        assertThat(games.players(game.id()))
                .containsExactly(new Player(game.id(), 4, agents.get(0).id(), "werewolf", 2, -0.5));
    }

    @Test
    void updatePlayer_nullReward_clearsIt() {
        games.addPlayer(game.id(), 1, agents.get(0).id(), "seer", 1);
        games.updatePlayer(new Player(game.id(), 1, agents.get(0).id(), "seer", 1, 1.0));
        games.updatePlayer(new Player(game.id(), 1, agents.get(0).id(), "seer", 1, null));
        assertThat(games.players(game.id()).get(0).reward()).isNull();
    }

    @Test
    void updatePlayer_rewardAboveOne_isACheckViolation() {
        games.addPlayer(game.id(), 1, agents.get(0).id(), "seer", 1);
        assertSqlState(SqlStates.CHECK,
                () -> games.updatePlayer(new Player(game.id(), 1, agents.get(0).id(), "seer", 1, 1.5)));
    }

    @Test
    void updatePlayer_unknownRole_isACheckViolation() {
        games.addPlayer(game.id(), 1, agents.get(0).id(), "seer", 1);
        assertSqlState(SqlStates.CHECK,
                () -> games.updatePlayer(new Player(game.id(), 1, agents.get(0).id(), "jester", 1, null)));
    }

    @Test
    void updatePlayer_emptySeat_returnsFalse() {
        assertThat(games.updatePlayer(new Player(game.id(), 5, agents.get(0).id(), "seer", 1, 0.0))).isFalse();
    }
}
