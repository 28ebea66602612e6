package io.github.pgfixture.examples.springarena;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import io.github.pgfixture.spring.AutoConfigureTempDatabase.Isolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole application context, a fresh clone for every test: games and their players as one aggregate. */
@SpringBootTest
@AutoConfigureTempDatabase(isolation = Isolation.METHOD)
class GameRepositoryTest {

    @Autowired
    GameRepository games;
    @Autowired
    ArenaService arena;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Seeder seeder;

    Seed seed;

    @BeforeEach
    void seed() {
        seed = seeder.seed(6);
    }

    @Test
    void start_seatsSixPlayers() {
        Game game = arena.start(seed.kind(), seed.agents());
        assertThat(games.findById(game.id())).get().satisfies(g -> {
            assertThat(g.status()).isEqualTo("running");
            assertThat(g.startedAt()).isNotNull();
            assertThat(g.players()).hasSize(6);
        });
    }

    @Test
    void start_halfTheSeatsAreWerewolves() {
        Game game = arena.start(seed.kind(), seed.agents());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM game_players WHERE game_id = ? AND role = 'werewolf'",
                Integer.class, game.id())).isEqualTo(3);
    }

    @Test
    void finish_setsWinnerAndRewards() {
        Game game = arena.finish(arena.start(seed.kind(), seed.agents()).id(), (short) 1);
        Game read = games.findById(game.id()).orElseThrow();
        assertThat(read.status()).isEqualTo("finished");
        assertThat(read.winningTeam()).isEqualTo((short) 1);
        assertThat(read.players()).allSatisfy(p -> assertThat(p.reward()).isEqualTo(p.team() == 1 ? 1.0 : -1.0));
    }

    @Test
    void winnerOfACrashedGame_isRefused() {
        Game game = arena.start(seed.kind(), seed.agents());
        Game crashed = game.finish(Instant.now(), (short) 1, true, game.players());
        assertThatThrownBy(() -> games.save(crashed))
                .rootCause().hasMessageContaining("games_winner_only_when_finished");
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 7, -1})
    void seatOutOfRange_isRefused(short seat) {
        Set<Player> players = Set.of(new Player(seat, seed.agents().get(0).id(), "villager", (short) 1, null));
        assertThatThrownBy(() -> games.save(Game.start(seed.kind(), players)))
                .rootCause().hasMessageContaining("game_players_seat_range");
    }

    @Test
    void deletingAGame_deletesItsPlayers() {
        Game game = arena.start(seed.kind(), seed.agents());
        games.deleteById(game.id());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM game_players", Integer.class)).isZero();
    }

    @Test
    void pagingByStatus() {
        for (int i = 0; i < 5; i++) {
            Game game = arena.start(seed.kind(), seed.agents());
            if (i % 2 == 0) {
                arena.finish(game.id(), (short) 2);
            }
        }
        assertThat(games.findByStatus("finished", PageRequest.of(0, 2)).getTotalElements()).isEqualTo(3);
        assertThat(games.findByStatus("running", PageRequest.of(0, 10)).getContent()).hasSize(2);
    }

    @Test
    void startsFromTheTemplate_noGamesOfOtherTests() {
        assertThat(games.count()).isZero();
    }
}
