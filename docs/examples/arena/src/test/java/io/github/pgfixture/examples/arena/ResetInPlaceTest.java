package io.github.pgfixture.examples.arena;

import io.github.pgfixture.TemporaryDatabase;
import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One database for the whole class (a static field), emptied in place before each test with
 * {@link TemporaryDatabase#reset()} instead of cloning a new one: for classes with many small tests,
 * or a setup too slow to repeat. The class's tests share that database, so they run one after the
 * other ({@code SAME_THREAD}); the class itself still runs in parallel with the others.
 */
@TempDatabase(flyway = "db/arena")
@Execution(ExecutionMode.SAME_THREAD)
class ResetInPlaceTest {

    @TempDatabase
    static TemporaryDatabase database;

    private Arena arena;

    @BeforeEach
    void reset() {
        database.reset(); // TRUNCATE … RESTART IDENTITY of every table but Flyway's history
        arena = new Arena(database.dataSource());
    }

    @Test
    void startsEmpty_andIdsStartAtOneAgain() {
        assertThat(arena.catalog().activeModels()).isEmpty();
        Model model = arena.catalog().createModel("first", "p/first");
        assertThat(model.id()).isEqualTo(1);
    }

    @Test
    void aTestsRowsAreGoneForTheNext_a() {
        assertThat(arena.catalog().activeKinds()).isEmpty();
        arena.catalog().createKind("werewolf", "");
    }

    @Test
    void aTestsRowsAreGoneForTheNext_b() {
        assertThat(arena.catalog().activeKinds()).isEmpty();
        arena.catalog().createKind("werewolf", ""); // would be a unique violation if the other test's row were left
    }

    @Test
    void aWholeGameIsResetToo() {
        Game game = new Seed(arena).gameWithPlayers();
        arena.ratings().record(arena.games().players(game.id()).get(0).agentId(), 26, 7);
        assertThat(arena.games().page(GameFilter.all(), 0, 10).total()).isEqualTo(1);
    }

    @Test
    void migrationsHistoryIsKept() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void everyTestSeesTheSameDatabase() {
        assertThat(database.name()).startsWith("pgfixture_db_");
        assertThat(arena.games().page(GameFilter.all(), 0, 1).total()).isZero();
    }
}
