package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Filtered paging of games, newest first. */
@TempDatabase(flyway = "db/arena")
class GamePagingTest {

    private Arena arena;
    private GameRepository games;
    private Seed seed;
    private Kind werewolf;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        arena = new Arena(database);
        games = arena.games();
        seed = new Seed(arena);
        werewolf = seed.kind();
    }

    /** Games created one after another: ids ascend, start times do not descend. */
    private List<Game> games(int count) {
        List<Game> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(games.create(werewolf.id(), "{\"n\": " + i + "}"));
        }
        return created;
    }

    @Test
    void page_all_newestFirst_withTheTotal() {
        List<Game> created = games(5);
        Page<Game> page = games.page(GameFilter.all(), 0, 3);
        assertThat(page.items()).extracting(Game::id)
                .containsExactly(created.get(4).id(), created.get(3).id(), created.get(2).id());
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void page_last_hasNoNext() {
        List<Game> created = games(5);
        Page<Game> page = games.page(GameFilter.all(), 3, 3);
        assertThat(page.items()).extracting(Game::id).containsExactly(created.get(1).id(), created.get(0).id());
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void page_beyondTheEnd_isEmptyButCounts() {
        games(2);
        Page<Game> page = games.page(GameFilter.all(), 10, 5);
        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void page_byStatus() {
        List<Game> created = games(3);
        games.finish(created.get(1).id(), 1, false);
        assertThat(games.page(GameFilter.all().withStatus(GameStatus.FINISHED), 0, 10).items())
                .extracting(Game::id).containsExactly(created.get(1).id());
        assertThat(games.page(GameFilter.all().withStatus(GameStatus.RUNNING), 0, 10).total()).isEqualTo(2);
    }

    @Test
    void page_byKind() {
        games(2);
        Kind poker = arena.catalog().createKind("poker", "");
        Game pokerGame = games.create(poker.id(), null);
        assertThat(games.page(GameFilter.all().withKind(poker.id()), 0, 10).items()).containsExactly(pokerGame);
    }

    @Test
    void page_byAgent_findsTheGamesItSatIn() {
        List<Agent> agents = seed.sixAgents();
        Game with = seed.gameWithPlayers(agents);
        games(2);
        Agent outsider = arena.agents().create(werewolf.id(), seed.model("outsider").id(), seed.prompt("plain").id(), "out");
        assertThat(games.page(GameFilter.all().withAgent(agents.get(3).id()), 0, 10).items()).containsExactly(with);
        assertThat(games.page(GameFilter.all().withAgent(outsider.id()), 0, 10).total()).isZero();
    }

    @Test
    void page_byCrashed() {
        List<Game> created = games(3);
        games.finish(created.get(0).id(), null, true);
        games.finish(created.get(2).id(), 1, false);
        assertThat(games.page(GameFilter.all().withCrashed(true), 0, 10).items()).extracting(Game::id)
                .containsExactly(created.get(0).id());
        assertThat(games.page(GameFilter.all().withCrashed(false), 0, 10).total()).isEqualTo(2);
    }

    @Test
    void page_combinedFilters_allApply() {
        List<Game> created = games(4);
        games.finish(created.get(0).id(), null, true);
        games.finish(created.get(1).id(), 2, false);
        GameFilter filter = GameFilter.all().withStatus(GameStatus.FINISHED).withCrashed(false).withKind(werewolf.id());
        assertThat(games.page(filter, 0, 10).items()).extracting(Game::id).containsExactly(created.get(1).id());
    }

    @Test
    void page_pagesCoverEveryGameOnce() {
        List<Game> created = games(7);
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; ; offset += 3) {
            Page<Game> page = games.page(GameFilter.all(), offset, 3);
            page.items().forEach(g -> seen.add(g.id()));
            if (!page.hasNext()) {
                break;
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created.stream().map(Game::id).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void page_badArguments_areRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> games.page(GameFilter.all(), -1, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> games.page(GameFilter.all(), 0, 0));
    }
}
