package io.github.pgfixture.junit5;

import io.github.pgfixture.junit5.internal.JUnitSettings;
import io.github.pgfixture.support.AdapterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the adapter's switches come from, and in which order. */
class AdapterSettingsTest {

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty(TempDatabase.KEEP_ON_FAILURE);
        System.clearProperty(TempDatabase.ABORT_IF_UNAVAILABLE);
    }

    @Test
    void read_nothingSet_defaults() {
        AdapterSettings settings = JUnitSettings.read(key -> Optional.empty());

        assertThat(settings).isEqualTo(new AdapterSettings(false, false, true));
    }

    @Test
    void read_junitParameter_winsOverPgfixtureSetting() {
        System.setProperty(TempDatabase.KEEP_ON_FAILURE, "false");

        AdapterSettings settings = JUnitSettings.read(junit(Map.of(TempDatabase.KEEP_ON_FAILURE, "TRUE")));

        assertThat(settings.keepOnFailure()).isTrue();
    }

    @Test
    void read_noJunitParameter_pgfixtureSettingApplies() {
        System.setProperty(TempDatabase.ABORT_IF_UNAVAILABLE, " true ");

        AdapterSettings settings = JUnitSettings.read(key -> Optional.empty());

        assertThat(settings.abortIfUnavailable()).isTrue();
    }

    @Test
    void read_emptyValues_countAsNotGiven() {
        System.setProperty(TempDatabase.KEEP_ON_FAILURE, "True");
        System.setProperty(TempDatabase.ABORT_IF_UNAVAILABLE, "");

        // An empty JUnit parameter leaves the key to the pgfixture settings; an empty system property means the default.
        assertThat(JUnitSettings.read(junit(Map.of(TempDatabase.KEEP_ON_FAILURE, " "))))
                .isEqualTo(new AdapterSettings(true, false, true));
    }

    @Test
    void read_notABoolean_namesKeyValueAndSource() {
        System.setProperty(TempDatabase.ABORT_IF_UNAVAILABLE, "1");

        assertThatThrownBy(() -> JUnitSettings.read(key -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting pgfixture.abort-if-unavailable = '1' (from system property "
                        + "pgfixture.abort-if-unavailable) must be true or false. Correct or remove it.");
    }

    private static java.util.function.Function<String, Optional<String>> junit(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }
}
