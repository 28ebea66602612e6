package io.github.pgfixture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A kept database holds an embedded cluster past JVM exit only while it exists. */
class KeptDatabaseTest {

    @BeforeEach
    void embeddedOnly() {
        assumeTrue(System.getProperty("pgfixture.url") == null && System.getenv("PGFIXTURE_URL") == null,
                "an external server is never stopped by pgfixture");
    }

    @Test
    void keep_thenDrop_clusterStopsWithTheJvmAgain() {
        SharedCluster cluster = SharedCluster.get();
        TemporaryDatabase db = cluster.temporaryDatabase("kept_then_dropped");
        db.keep();
        assertThat(cluster.keepsRunningAfterExit()).isTrue();

        db.drop();

        assertThat(cluster.databaseExists("kept_then_dropped")).isFalse();
        assertThat(cluster.keepsRunningAfterExit()).isFalse();
    }

    @Test
    void keepTwo_dropOneByName_clusterStillOutlivesTheJvm_untilTheSecondIsDropped() {
        SharedCluster cluster = SharedCluster.get();
        TemporaryDatabase first = cluster.temporaryDatabase("kept_first");
        TemporaryDatabase second = cluster.temporaryDatabase("kept_second");
        first.keep();
        second.keep();

        cluster.forceDropDatabase("kept_first");
        assertThat(cluster.keepsRunningAfterExit()).isTrue();

        cluster.dropDatabase("kept_second");
        assertThat(cluster.keepsRunningAfterExit()).isFalse();
    }
}
