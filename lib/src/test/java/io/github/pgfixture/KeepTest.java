package io.github.pgfixture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TemporaryDatabase#keep()} and what dropping a kept database undoes. */
class KeepTest {

    private static final Template EMPTY = Template.of("keeptest", "1", template -> { });

    @Test
    void forceDrop_lastKeptDatabase_embeddedServerStopsWithTheJvmAgain() {
        SharedCluster cluster = SharedCluster.get();
        TemporaryDatabase first = cluster.temporaryDatabase(EMPTY);
        TemporaryDatabase second = cluster.temporaryDatabase(EMPTY);
        try {
            first.keep();
            second.keep();
            assertThat(cluster.keepsServerAfterExit()).isTrue();

            first.forceDrop();
            assertThat(cluster.keepsServerAfterExit()).as("one kept database is left").isTrue();

            second.drop();
            assertThat(cluster.keepsServerAfterExit()).isFalse();
            assertThat(cluster.databaseExists(first.name())).isFalse();
            assertThat(cluster.databaseExists(second.name())).isFalse();
        } finally {
            first.forceDrop();
            second.forceDrop();
            cluster.forceDropDatabase(EMPTY.name());
        }
    }
}
