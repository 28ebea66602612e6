package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

/** LLM calls: add, list per turn and per game, and their rules. */
@TempDatabase(flyway = "db/arena")
class LlmCallRepositoryTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final String MESSAGES = "[{\"role\": \"user\", \"content\": \"vote\"}]";

    private TurnRepository turns;
    private Game game;
    private Turn turn;
    private Model model;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        Arena arena = new Arena(database);
        Seed seed = new Seed(arena);
        turns = arena.turns();
        game = seed.gameWithPlayers();
        turn = turns.addTurn(game.id(), 0, 1, "{}", "vote 4", 900, 200);
        model = seed.model("m1");
    }

    @Test
    void addCall_returnsTheCall() {
        LlmCall call = turns.addCall(turn.id(), model.id(), MESSAGES, "{\"content\": \"4\"}", T0, T0.plusSeconds(2), 150, 3);
        assertThat(call.turnId()).isEqualTo(turn.id());
        assertThat(call.modelId()).isEqualTo(model.id());
        assertThat(call.messages()).isEqualTo(MESSAGES);
        assertThat(call.response()).isEqualTo("{\"content\": \"4\"}");
        assertThat(call.sentAt()).isEqualTo(T0);
        assertThat(call.receivedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(call.promptTokens()).isEqualTo(150);
        assertThat(call.completionTokens()).isEqualTo(3);
    }

    @Test
    void addCall_stillWaiting_hasNoResponseNorReceiveTime() {
        LlmCall call = turns.addCall(turn.id(), model.id(), MESSAGES, null, T0, null, 0, 0);
        assertThat(call.response()).isNull();
        assertThat(call.receivedAt()).isNull();
    }

    @Test
    void calls_ofATurn_areInTheOrderSent() {
        LlmCall second = turns.addCall(turn.id(), model.id(), MESSAGES, null, T0.plusSeconds(5), null, 0, 0);
        LlmCall first = turns.addCall(turn.id(), model.id(), MESSAGES, null, T0, null, 0, 0);
        assertThat(turns.calls(turn.id())).containsExactly(first, second);
    }

    @Test
    void callsOfGame_areInOrderOfPlay() {
        Turn later = turns.addTurn(game.id(), 1, 1, "{}", "x", 1, 1);
        LlmCall inLater = turns.addCall(later.id(), model.id(), MESSAGES, null, T0, null, 0, 0);
        LlmCall inFirst = turns.addCall(turn.id(), model.id(), MESSAGES, null, T0.plusSeconds(60), null, 0, 0);
        assertThat(turns.callsOfGame(game.id())).containsExactly(inFirst, inLater);
    }

    @Test
    void calls_ofATurnWithoutCalls_areEmpty() {
        assertThat(turns.calls(turn.id())).isEmpty();
    }

    @Test
    void addCall_unknownTurn_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> turns.addCall(999, model.id(), MESSAGES, null, T0, null, 0, 0));
    }

    @Test
    void addCall_unknownModel_isAForeignKeyViolation() {
        assertSqlState(SqlStates.FOREIGN_KEY, () -> turns.addCall(turn.id(), 999, MESSAGES, null, T0, null, 0, 0));
    }

    @Test
    void addCall_emptyMessages_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> turns.addCall(turn.id(), model.id(), "[]", null, T0, null, 0, 0));
    }

    @Test
    void addCall_messagesThatAreAnObject_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> turns.addCall(turn.id(), model.id(), "{}", null, T0, null, 0, 0));
    }

    @Test
    void addCall_receivedBeforeSent_isACheckViolation() {
        assertSqlState(SqlStates.CHECK,
                () -> turns.addCall(turn.id(), model.id(), MESSAGES, "{}", T0, T0.minusSeconds(1), 0, 0));
    }

    @Test
    void addCall_responseWithoutReceiveTime_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> turns.addCall(turn.id(), model.id(), MESSAGES, "{}", T0, null, 0, 0));
    }

    @Test
    void addCall_negativeTokens_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> turns.addCall(turn.id(), model.id(), MESSAGES, null, T0, null, -1, 0));
    }

    @Test
    void addCall_noSendTime_isANotNullViolation() {
        assertSqlState(SqlStates.NOT_NULL, () -> turns.addCall(turn.id(), model.id(), MESSAGES, null, null, null, 0, 0));
    }
}
