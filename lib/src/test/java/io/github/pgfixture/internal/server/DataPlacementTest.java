package io.github.pgfixture.internal.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The size rule for /dev/shm, on a folder standing in for it (the real one is checked under unshare -m). */
class DataPlacementTest {

    @TempDir
    Path shm;

    @Test
    void reasonAgainst_dockersDefault64MegabyteShm_refusesItNamingFreeSpaceAndThreshold() {
        assertThat(DataPlacement.reasonAgainst(shm, 64L << 20))
                .isEqualTo(shm + " has only 64 MiB free, less than the 512 MiB a test run may need");
    }

    @Test
    void reasonAgainst_shmWithRoom_acceptsIt() {
        assertThat(DataPlacement.reasonAgainst(shm, 2L << 30)).isNull();
        assertThat(DataPlacement.reasonAgainst(shm, DataPlacement.SHM_MINIMUM_FREE)).isNull();
    }

    @Test
    void reasonAgainst_missingFolder_refusesIt() {
        assertThat(DataPlacement.reasonAgainst(shm.resolve("absent"), 1L << 40)).contains("does not exist");
    }
}
