package io.github.pgfixture.internal.cluster;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages for failures that are not PostgreSQL's own (the server-side ones are tested on a real server). */
class SqlFailuresTest {

    @Test
    void translate_hikariInterruptedDuringAcquisition_saysTheThreadWasInterrupted_notPostgreSqlSaid() {
        // What HikariCP throws when a thread with its interrupt flag set waits for a pooled connection.
        SQLException interrupted = new SQLException("pgfixture-admin - Interrupted during connection acquisition",
                new InterruptedException());

        String message = SqlFailures.translate(interrupted, "drop database \"d\"", "d", null, "embedded PostgreSQL")
                .getMessage();

        assertThat(message).startsWith("Cannot drop database \"d\" on embedded PostgreSQL: the calling thread was interrupted")
                .contains("nothing was sent to PostgreSQL")
                .doesNotContain("PostgreSQL said");
    }
}
