package io.github.pgfixture.spring;

import io.github.pgfixture.spring.fixtures.Seen;
import io.github.pgfixture.spring.fixtures.slices.DataJdbcSliceNotes;
import io.github.pgfixture.spring.fixtures.slices.JdbcSliceNotes;
import io.github.pgfixture.spring.fixtures.slices.JpaSliceNotes;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Boot's test slices keep pgfixture's clone instead of replacing it with an embedded database. */
class SliceTest extends FixtureRun {

    @Test
    void dataJpaTest_jdbcTest_dataJdbcTest() {
        Fixtures.run(JpaSliceNotes.class, JdbcSliceNotes.class, DataJdbcSliceNotes.class).testEvents()
                .assertStatistics(stats -> stats.started(6).succeeded(6));
        Map<Class<?>, List<String>> seen = Fixtures.databasesByClass();
        assertThat(new HashSet<>(seen.get(JpaSliceNotes.class))).hasSize(1);
        assertThat(seen.get(JdbcSliceNotes.class)).hasSize(2).doesNotHaveDuplicates();
        assertThat(seen.get(DataJdbcSliceNotes.class)).hasSize(2).doesNotHaveDuplicates();
        assertThat(Seen.visits()).hasSize(6);
    }
}
