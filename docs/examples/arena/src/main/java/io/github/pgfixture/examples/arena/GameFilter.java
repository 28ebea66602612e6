package io.github.pgfixture.examples.arena;

/**
 * Which games {@link GameRepository#page} returns; a null component does not filter.
 *
 * @param agentId games in which this agent holds a seat
 */
public record GameFilter(GameStatus status, Long kindId, Long agentId, Boolean crashed) {

    /** Every game. */
    public static GameFilter all() {
        return new GameFilter(null, null, null, null);
    }

    public GameFilter withStatus(GameStatus value) {
        return new GameFilter(value, kindId, agentId, crashed);
    }

    public GameFilter withKind(long value) {
        return new GameFilter(status, value, agentId, crashed);
    }

    public GameFilter withAgent(long value) {
        return new GameFilter(status, kindId, value, crashed);
    }

    public GameFilter withCrashed(boolean value) {
        return new GameFilter(status, kindId, agentId, value);
    }
}
