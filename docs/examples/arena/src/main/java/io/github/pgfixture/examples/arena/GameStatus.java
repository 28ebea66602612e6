package io.github.pgfixture.examples.arena;

import java.util.Locale;

/** A game is running until it is finished (possibly after a crash) or abandoned. */
public enum GameStatus {
    RUNNING, FINISHED, ABANDONED;

    String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    static GameStatus of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }
}
