package io.github.pgfixture.examples.arena.testng;

import io.github.pgfixture.examples.arena.Agent;
import io.github.pgfixture.examples.arena.Arena;
import io.github.pgfixture.examples.arena.DataAccessException;
import io.github.pgfixture.examples.arena.Kind;
import io.github.pgfixture.examples.arena.Model;
import io.github.pgfixture.examples.arena.Prompt;
import io.github.pgfixture.examples.arena.Rating;
import io.github.pgfixture.testng.PgFixtureListener;
import io.github.pgfixture.testng.TempDatabase;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Listeners;
import org.testng.annotations.Test;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same repositories under TestNG, through the TestNG adapter: a database per test method in a
 * field, cloned from the template the JUnit tests use. Run on the JUnit Platform by testng-engine.
 */
@Listeners(PgFixtureListener.class)
@TempDatabase(flyway = "db/arena")
public class LeaderboardTestNgTest {

    @TempDatabase
    DataSource database;

    private Arena arena;
    private Kind kind;
    private Model model;

    @BeforeMethod
    public void setUp() {
        arena = new Arena(database);
        kind = arena.catalog().createKind("werewolf", "");
        model = arena.catalog().createModel("m1", "p/m1");
    }

    private Agent agent(String alias) {
        Prompt prompt = arena.catalog().createPrompt(alias.toLowerCase(java.util.Locale.ROOT), "You are " + alias);
        return arena.agents().create(kind.id(), model.id(), prompt.id(), alias);
    }

    @Test
    public void eachTestStartsWithOnlyItsOwnRows() {
        assertThat(arena.catalog().activeKinds()).containsExactly(kind);
        assertThat(arena.ratings().top(10)).isEmpty();
    }

    @Test
    public void recordThenGet() {
        Agent agent = agent("Solo");
        arena.ratings().record(agent.id(), 30, 4);
        assertThat(arena.ratings().get(agent.id())).contains(new Rating(agent.id(), 30, 4, 1));
    }

    @Test
    public void topByConservativeRating() {
        Agent bold = agent("Bold");
        Agent steady = agent("Steady");
        arena.ratings().record(bold.id(), 40, 9);
        arena.ratings().record(steady.id(), 28, 1);
        assertThat(arena.ratings().top(2)).extracting(Rating::agentId).containsExactly(steady.id(), bold.id());
    }

    @Test
    public void sigmaZeroIsACheckViolation() {
        Agent agent = agent("Zero");
        assertThatThrownBy(() -> arena.ratings().record(agent.id(), 25, 0))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("23514"));
    }

    @Test
    public void unknownAgentIsAForeignKeyViolation() {
        assertThatThrownBy(() -> arena.ratings().record(77, 25, 5))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("23503"));
    }

    @Test
    public void duplicateAliasIsAUniqueViolation() {
        agent("Twin");
        Prompt other = arena.catalog().createPrompt("other", "x");
        assertThatThrownBy(() -> arena.agents().create(kind.id(), model.id(), other.id(), "Twin"))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"));
    }
}
