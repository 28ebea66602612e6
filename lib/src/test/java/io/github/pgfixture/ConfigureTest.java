package io.github.pgfixture;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigureTest {

    @Test
    void configure_afterBootWithOtherSettings_isIllegalState() {
        SharedCluster.get();
        assertThatThrownBy(() -> SharedCluster.configure(Map.of("pgfixture.ready-clones", "7")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the first SharedCluster.get()");
    }

    @Test
    void configure_afterBootWithTheSameSettings_isAccepted() {
        SharedCluster.get();
        assertThatCode(() -> SharedCluster.configure(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void configure_keyOutsideTheNamespace_isIllegalArgument() {
        assertThatThrownBy(() -> SharedCluster.configure(Map.of("ready-clones", "7")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ready-clones'")
                .hasMessageContaining("pgfixture.");
    }
}
