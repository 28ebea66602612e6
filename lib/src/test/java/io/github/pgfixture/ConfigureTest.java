package io.github.pgfixture;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigureTest {

    @Test
    void configure_afterBootWithOtherSettings_isRefused() {
        SharedCluster.get();
        assertThatThrownBy(() -> SharedCluster.configure(Map.of("pgfixture.ready-clones", "7")))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("before the first SharedCluster.get()");
    }

    @Test
    void configure_afterBootWithTheSameSettings_isAccepted() {
        SharedCluster.get();
        assertThatCode(() -> SharedCluster.configure(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void configure_keyOutsideTheNamespace_isRefused() {
        assertThatThrownBy(() -> SharedCluster.configure(Map.of("ready-clones", "7")))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("'ready-clones'")
                .hasMessageContaining("pgfixture.");
    }

    @Test
    void configure_misspeltKey_isRejectedNamingTheNearestKnownKey() {
        assertThatThrownBy(() -> SharedCluster.configure(Map.of("pgfixture.ready-clone", "7")))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("Unknown setting 'pgfixture.ready-clone'")
                .hasMessageContaining("Did you mean 'pgfixture.ready-clones'?");
    }

    @Test
    void configure_keyWithoutTheNamespace_namesTheKeyItProbablyMeant() {
        assertThatThrownBy(() -> SharedCluster.configure(Map.of("max-connections", "50")))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining("did you mean 'pgfixture.max-connections'?");
    }

    @Test
    void knownKeys_includeTheAdaptersSwitchesAndEveryLibSetting() {
        assertThat(Settings.KNOWN_KEYS).contains("pgfixture.keep-on-failure", "pgfixture.abort-if-unavailable",
                "pgfixture.prebuild-templates", "pgfixture.url", "pgfixture.ready-clones")
                .doesNotContain(Settings.FILE);
        assertThatCode(() -> Settings.requireKnown("pgfixture.keep-on-failure", "test")).doesNotThrowAnyException();
    }
}
