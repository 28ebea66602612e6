package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Agents: create, get (with relations), by configuration, get-or-create, random sample. */
@TempDatabase(flyway = "db/arena")
class AgentRepositoryTest {

    private Arena arena;
    private AgentRepository agents;
    private Kind kind;
    private Model model;
    private Prompt prompt;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        arena = new Arena(database);
        agents = arena.agents();
        Seed seed = new Seed(arena);
        kind = seed.kind();
        model = seed.model("gpt-5");
        prompt = seed.prompt("plain");
    }

    @Test
    void create_returnsTheAgent() {
        Agent agent = agents.create(kind.id(), model.id(), prompt.id(), "GPT-5 plain");
        assertThat(agent).isEqualTo(new Agent(agent.id(), kind.id(), model.id(), prompt.id(), "GPT-5 plain"));
    }

    @Test
    void create_sameConfigurationTwice_isAUniqueViolation() {
        agents.create(kind.id(), model.id(), prompt.id(), "first");
        assertSqlState(SqlStates.UNIQUE, () -> agents.create(kind.id(), model.id(), prompt.id(), "second"));
    }

    @Test
    void create_aliasTakenByAnotherConfiguration_isAUniqueViolation() {
        Model other = arena.catalog().createModel("claude", "anthropic/claude");
        agents.create(kind.id(), model.id(), prompt.id(), "champion");
        assertSqlState(SqlStates.UNIQUE, () -> agents.create(kind.id(), other.id(), prompt.id(), "champion"));
    }

    @Test
    void create_unknownKind_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> agents.create(999, model.id(), prompt.id(), "a"));
    }

    @Test
    void create_unknownModel_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> agents.create(kind.id(), 999, prompt.id(), "a"));
    }

    @Test
    void create_unknownPrompt_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> agents.create(kind.id(), model.id(), 999, "a"));
    }

    @Test
    void create_aliasStartingWithASpace_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> agents.create(kind.id(), model.id(), prompt.id(), " padded"));
    }

    @Test
    void create_nullAlias_isANotNullViolation() {
        assertSqlState(SqlStates.NOT_NULL, () -> agents.create(kind.id(), model.id(), prompt.id(), null));
    }

    @Test
    void get_returnsTheAgent_unknownIsEmpty() {
        Agent agent = agents.create(kind.id(), model.id(), prompt.id(), "a");
        assertThat(agents.get(agent.id())).contains(agent);
        assertThat(agents.get(agent.id() + 1)).isEmpty();
    }

    @Test
    void getWithRelations_returnsKindModelAndPrompt() {
        Agent agent = agents.create(kind.id(), model.id(), prompt.id(), "a");
        assertThat(agents.getWithRelations(agent.id())).contains(new AgentDetails(agent, kind, model, prompt));
    }

    @Test
    void getWithRelations_ofAForkedPrompt_carriesItsParent() {
        Prompt fork = arena.catalog().forkPrompt(prompt.id(), "sharper");
        Agent agent = agents.create(kind.id(), model.id(), fork.id(), "a");
        assertThat(agents.getWithRelations(agent.id()))
                .hasValueSatisfying(d -> assertThat(d.prompt().parentId()).isEqualTo(prompt.id()));
    }

    @Test
    void getWithRelations_unknownIsEmpty() {
        assertThat(agents.getWithRelations(42)).isEmpty();
    }

    @Test
    void getByConfiguration_findsOnlyThatConfiguration() {
        Agent agent = agents.create(kind.id(), model.id(), prompt.id(), "a");
        Prompt fork = arena.catalog().forkPrompt(prompt.id(), "v2");
        assertThat(agents.getByConfiguration(kind.id(), model.id(), prompt.id())).contains(agent);
        assertThat(agents.getByConfiguration(kind.id(), model.id(), fork.id())).isEmpty();
    }

    @Test
    void getOrCreate_newConfiguration_createsIt() {
        Agent agent = agents.getOrCreate(kind.id(), model.id(), prompt.id(), "fresh");
        assertThat(agent.alias()).isEqualTo("fresh");
        assertThat(agents.get(agent.id())).contains(agent);
    }

    @Test
    void getOrCreate_existingConfiguration_returnsItWithItsAlias() {
        Agent existing = agents.create(kind.id(), model.id(), prompt.id(), "original");
        assertThat(agents.getOrCreate(kind.id(), model.id(), prompt.id(), "ignored")).isEqualTo(existing);
    }

    @Test
    void getOrCreate_aliasTakenByAnotherAgent_isAUniqueViolation() {
        Model other = arena.catalog().createModel("claude", "anthropic/claude");
        agents.create(kind.id(), model.id(), prompt.id(), "taken");
        assertSqlState(SqlStates.UNIQUE, () -> agents.getOrCreate(kind.id(), other.id(), prompt.id(), "taken"));
    }

    @Test
    void getOrCreate_eightThreadsAtOnce_makeOneAgent() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Agent>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Agent> call = () -> {
                    start.await();
                    return agents.getOrCreate(kind.id(), model.id(), prompt.id(), "racer");
                };
                results.add(threads.submit(call));
            }
            start.countDown();
            Set<Agent> distinct = new HashSet<>();
            for (Future<Agent> result : results) {
                distinct.add(result.get());
            }
            assertThat(distinct).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void randomSample_returnsDistinctAgentsOfTheKind_atMostTheSize() {
        List<Agent> six = new Seed(arena).sixAgents();
        Kind other = arena.catalog().createKind("poker", "");
        agents.create(other.id(), model.id(), prompt.id(), "poker player");
        List<Agent> sample = agents.randomSample(kind.id(), 4);
        assertThat(sample).hasSize(4).doesNotHaveDuplicates().isSubsetOf(six);
    }

    @Test
    void randomSample_skipsAgentsWhoseModelOrPromptIsInactive() {
        Agent active = agents.create(kind.id(), model.id(), prompt.id(), "active");
        Model retired = arena.catalog().createModel("retired", "p/retired");
        agents.create(kind.id(), retired.id(), prompt.id(), "retired model");
        arena.catalog().setModelActive(retired.id(), false);
        Prompt withdrawn = arena.catalog().forkPrompt(prompt.id(), "withdrawn");
        agents.create(kind.id(), model.id(), withdrawn.id(), "withdrawn prompt");
        arena.catalog().setPromptActive(withdrawn.id(), false);
        assertThat(agents.randomSample(kind.id(), 6)).containsExactly(active);
    }

    @Test
    void randomSample_largerThanThePool_returnsEveryone() {
        List<Agent> six = new Seed(arena).sixAgents();
        assertThat(agents.randomSample(kind.id(), 10)).containsExactlyInAnyOrderElementsOf(six);
    }

    @Test
    void randomSample_sizeZero_isEmpty() {
        new Seed(arena).sixAgents();
        assertThat(agents.randomSample(kind.id(), 0)).isEmpty();
    }

    @Test
    void randomSample_negativeSize_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> agents.randomSample(kind.id(), -1));
    }

    @Test
    void randomSample_order_varies() {
        new Seed(arena).sixAgents();
        Set<List<Agent>> orders = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            orders.add(agents.randomSample(kind.id(), 6));
        }
        // 30 draws of 720 orders all alike has probability 720^-29
        assertThat(orders).hasSizeGreaterThan(1);
    }
}
