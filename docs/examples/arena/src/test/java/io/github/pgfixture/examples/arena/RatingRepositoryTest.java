package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

/** Ratings: create-or-update, and top N by mu - 3 sigma. */
@TempDatabase(flyway = "db/arena")
class RatingRepositoryTest {

    private Arena arena;
    private RatingRepository ratings;
    private List<Agent> agents;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        arena = new Arena(database);
        ratings = arena.ratings();
        agents = new Seed(arena).sixAgents();
    }

    private long agent(int index) {
        return agents.get(index).id();
    }

    @Test
    void record_first_createsTheRatingWithOneGame() {
        assertThat(ratings.record(agent(0), 27.5, 7.1)).isEqualTo(new Rating(agent(0), 27.5, 7.1, 1));
    }

    @Test
    void record_again_replacesMuAndSigmaAndCountsTheGame() {
        ratings.record(agent(0), 27.5, 7.1);
        ratings.record(agent(0), 29.0, 6.0);
        assertThat(ratings.get(agent(0))).contains(new Rating(agent(0), 29.0, 6.0, 2));
    }

    @Test
    void get_unratedAgent_isEmpty() {
        assertThat(ratings.get(agent(0))).isEmpty();
    }

    @Test
    void record_unknownAgent_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> ratings.record(999, 25, 8));
    }

    @Test
    void record_sigmaZero_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> ratings.record(agent(0), 25, 0));
    }

    @Test
    void record_negativeSigma_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> ratings.record(agent(0), 25, -1));
    }

    @Test
    void record_muNaN_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> ratings.record(agent(0), Double.NaN, 8));
    }

    @Test
    void record_muBeyondRange_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> ratings.record(agent(0), 1e6, 8));
    }

    @Test
    void record_failedUpdate_keepsThePreviousRating() {
        ratings.record(agent(0), 25, 8);
        assertSqlState(SqlStates.CHECK, () -> ratings.record(agent(0), 25, 0));
        assertThat(ratings.get(agent(0))).contains(new Rating(agent(0), 25, 8, 1));
    }

    @Test
    void top_ordersByConservativeRating_notByMu() {
        ratings.record(agent(0), 40, 8);   // 16: high mu, unsure
        ratings.record(agent(1), 30, 2);   // 24
        ratings.record(agent(2), 25, 1);   // 22
        assertThat(ratings.top(3)).extracting(Rating::agentId).containsExactly(agent(1), agent(2), agent(0));
    }

    @Test
    void top_returnsAtMostN() {
        for (int i = 0; i < 6; i++) {
            ratings.record(agent(i), 20 + i, 3);
        }
        assertThat(ratings.top(2)).extracting(Rating::agentId).containsExactly(agent(5), agent(4));
    }

    @Test
    void top_tiesAreOrderedByAgentId() {
        ratings.record(agent(3), 25, 5);
        ratings.record(agent(1), 25, 5);
        assertThat(ratings.top(5)).extracting(Rating::agentId).containsExactly(agent(1), agent(3));
    }

    @Test
    void top_ofAKind_leavesOtherKindsOut() {
        Kind poker = arena.catalog().createKind("poker", "");
        Agent pokerAgent = arena.agents().create(poker.id(), agents.get(0).modelId(), agents.get(0).promptId(), "poker");
        ratings.record(pokerAgent.id(), 50, 1);
        ratings.record(agent(0), 25, 1);
        assertThat(ratings.top(agents.get(0).kindId(), 5)).extracting(Rating::agentId).containsExactly(agent(0));
        assertThat(ratings.top(poker.id(), 5)).extracting(Rating::agentId).containsExactly(pokerAgent.id());
    }

    @Test
    void top_withoutRatings_isEmpty() {
        assertThat(ratings.top(10)).isEmpty();
    }

    @Test
    void record_concurrentlyForOneAgent_countsEveryGame() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Rating>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                double mu = 20 + i;
                results.add(threads.submit(() -> ratings.record(agent(0), mu, 5)));
            }
            for (Future<Rating> result : results) {
                result.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(ratings.get(agent(0))).hasValueSatisfying(r -> assertThat(r.gamesPlayed()).isEqualTo(20));
    }
}
