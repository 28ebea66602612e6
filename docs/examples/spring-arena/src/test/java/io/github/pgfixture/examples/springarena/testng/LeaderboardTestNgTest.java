package io.github.pgfixture.examples.springarena.testng;

import io.github.pgfixture.examples.springarena.Agent;
import io.github.pgfixture.examples.springarena.ArenaService;
import io.github.pgfixture.examples.springarena.Kind;
import io.github.pgfixture.examples.springarena.Rating;
import io.github.pgfixture.examples.springarena.RatingRepository;
import io.github.pgfixture.examples.springarena.Seed;
import io.github.pgfixture.examples.springarena.Seeder;
import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import io.github.pgfixture.spring.AutoConfigureTempDatabase.Isolation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.testng.AbstractTestNGSpringContextTests;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The same annotation with TestNG: each method on a clone of its own. */
@SpringBootTest
@AutoConfigureTempDatabase(isolation = Isolation.METHOD)
public class LeaderboardTestNgTest extends AbstractTestNGSpringContextTests {

    @Autowired
    ArenaService arena;

    @Autowired
    RatingRepository ratings;

    @Autowired
    Seeder seeder;

    Kind kind;
    List<Agent> seated;

    @BeforeMethod
    public void seed() {
        Seed seed = seeder.seed(6);
        kind = seed.kind();
        seated = seed.agents();
    }

    @Test
    public void emptyBeforeTheFirstGame() {
        assertThat(ratings.leaderboard(10)).isEmpty();
    }

    @Test
    public void oneGame_sixRatings() {
        arena.finish(arena.start(kind, seated).id(), (short) 1);
        assertThat(ratings.leaderboard(10)).hasSize(6);
    }

    @Test
    public void limit_isHonoured() {
        arena.finish(arena.start(kind, seated).id(), (short) 1);
        assertThat(ratings.leaderboard(2)).hasSize(2).extracting(Rating::agentId)
                .isSubsetOf(seated.get(0).id(), seated.get(1).id(), seated.get(2).id());
    }
}
