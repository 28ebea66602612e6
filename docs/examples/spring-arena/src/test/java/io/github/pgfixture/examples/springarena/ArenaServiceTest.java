package io.github.pgfixture.examples.springarena;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import io.github.pgfixture.spring.AutoConfigureTempDatabase.Isolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Playing games moves ratings; every test starts with no rating at all. */
@SpringBootTest
@AutoConfigureTempDatabase(isolation = Isolation.METHOD)
class ArenaServiceTest {

    @Autowired
    ArenaService arena;

    @Autowired
    RatingRepository ratings;


    @Autowired
    Seeder seeder;

    Seed seed;

    @BeforeEach
    void seed() {
        seed = seeder.seed(6);
    }

    @Test
    void finishedGame_ratesEveryPlayer() {
        arena.finish(arena.start(seed.kind(), seed.agents()).id(), (short) 1);
        assertThat(ratings.count()).isEqualTo(6);
    }

    @RepeatedTest(3)
    void everyRepetition_startsWithoutRatings() {
        assertThat(ratings.count()).isZero();
        arena.finish(arena.start(seed.kind(), seed.agents()).id(), (short) 2);
        assertThat(arena.gamesPlayed().values()).containsOnly(1);
    }

    @Test
    void winners_leadTheLeaderboard() {
        arena.finish(arena.start(seed.kind(), seed.agents()).id(), (short) 2);
        Long winner = seed.agents().get(5).id(); // the last half is team 2
        assertThat(ratings.leaderboard(3)).extracting(Rating::agentId).contains(winner)
                .doesNotContain(seed.agents().get(0).id());
    }

    @Test
    void twoGames_countTwice() {
        arena.finish(arena.start(seed.kind(), seed.agents()).id(), (short) 1);
        arena.finish(arena.start(seed.kind(), seed.agents()).id(), (short) 2);
        assertThat(arena.gamesPlayed().values()).containsOnly(2);
    }

    @Test
    void conservativeRating_isComputedByTheDatabase() {
        arena.finish(arena.start(seed.kind(), seed.agents()).id(), (short) 1);
        Rating rating = ratings.findById(seed.agents().get(0).id()).orElseThrow();
        assertThat(rating.conservative()).isCloseTo(rating.mu() - 3 * rating.sigma(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void finishingAMissingGame_changesNothing() {
        assertThatThrownBy(() -> arena.finish(404, (short) 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ratings.count()).isZero();
    }
}
