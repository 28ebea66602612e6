package io.github.pgfixture.testng;

import io.github.pgfixture.testng.fixtures.FieldsFixture;
import io.github.pgfixture.testng.fixtures.ProviderFixture;
import io.github.pgfixture.testng.fixtures.Seen;
import io.github.pgfixture.testng.fixtures.Seen.Sighting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** How a test method gets its database: fields of each type, or data provider arguments. */
class InjectionTest {

    @BeforeEach
    void forgetEarlierSightings() {
        Seen.drain();
    }

    @Test
    void fields_allFourTypes_viewsOfOneDatabasePerMethod_sameInBeforeMethod_clearedAndDroppedAfterwards() {
        TestNGRun run = TestNGRun.of(FieldsFixture.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.configurationFailures()).isEmpty();
        assertThat(run.passed()).hasSize(2);
        Map<String, String> seen = byTestAndPhase(Seen.drain());
        assertThat(seen.get("first/test")).startsWith("pgfixture_db_");
        assertThat(seen.get("second/test")).startsWith("pgfixture_db_").isNotEqualTo(seen.get("first/test"));
        assertThat(seen.get("first/before")).isEqualTo(seen.get("first/test"));
        assertThat(seen.get("second/before")).isEqualTo(seen.get("second/test"));
        assertThat(seen.get("first/tables")).isEqualTo("orders");
        assertThat(seen.get("first/after")).isEqualTo("fields cleared");
        assertThat(seen.get("second/after")).isEqualTo("fields cleared");
        TestNGRun.assertDropped(List.of(seen.get("first/test"), seen.get("second/test")));
    }

    @Test
    void dataProvider_allFourTypesAndSingleOnes_oneDatabasePerInvocation_sameInBeforeMethod_droppedAfterwards() {
        TestNGRun run = TestNGRun.of(ProviderFixture.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.passed()).hasSize(5);
        List<Sighting> sightings = Seen.drain();
        Map<String, String> seen = byTestAndPhase(sightings.stream().filter(s -> !s.test().equals("threeInvocations")).toList());
        assertThat(seen.get("allFour/test")).startsWith("pgfixture_db_");
        assertThat(seen.get("allFour/before")).isEqualTo(seen.get("allFour/test"));
        assertThat(seen.get("allFour/tables")).isEqualTo("orders");
        assertThat(seen.get("justAConnection/before")).isEqualTo(seen.get("justAConnection/test"));
        List<String> three = sightings.stream().filter(s -> s.test().equals("threeInvocations") && s.phase().equals("test"))
                .map(Sighting::value).toList();
        assertThat(three).hasSize(3).doesNotHaveDuplicates();
        List<String> all = sightings.stream().filter(s -> s.phase().equals("test")).map(Sighting::value).toList();
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        TestNGRun.assertDropped(all);
    }

    static Map<String, String> byTestAndPhase(List<Sighting> sightings) {
        return sightings.stream().collect(Collectors.toMap(s -> s.test() + "/" + s.phase(), Sighting::value));
    }
}
