package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexes the queries rely on exist. */
@TempDatabase(flyway = "db/arena")
class IndexCoverageTest {

    /**
     * Every foreign key's columns lead some index, so that deletes on the referenced table (and the
     * joins the repositories make) never scan the referencing table.
     */
    @Test
    void everyForeignKey_isTheLeadingPartOfAnIndex(@TempDatabase Connection connection) throws SQLException {
        List<String> uncovered = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.conname FROM pg_constraint c
                WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
                  AND NOT EXISTS (
                      SELECT 1 FROM pg_index i
                      WHERE i.indrelid = c.conrelid
                        AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey
                        AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] <@ c.conkey)
                """)) {
            while (rs.next()) {
                uncovered.add(rs.getString(1));
            }
        }
        assertThat(uncovered).isEmpty();
    }

    /** The paging query reads an index in order rather than sorting all games. */
    @Test
    void pagingByStatus_usesTheStatusIndex(@TempDatabase Connection connection) throws SQLException {
        assertThat(plan(connection, "SELECT id FROM games g WHERE g.status = 'finished' "
                + "ORDER BY g.started_at DESC, g.id DESC LIMIT 20")).contains("games_status_started_idx");
    }

    @Test
    void leaderboard_usesTheConservativeRatingIndex(@TempDatabase Connection connection) throws SQLException {
        assertThat(plan(connection, "SELECT agent_id FROM agent_ratings r ORDER BY r.conservative DESC, r.agent_id "
                + "LIMIT 10")).contains("agent_ratings_conservative_idx");
    }

    /** EXPLAIN of {@code query} when any index beats a sequential scan (the tables are empty). */
    private static String plan(Connection connection, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement s = connection.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
