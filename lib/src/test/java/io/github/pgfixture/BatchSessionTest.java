package io.github.pgfixture;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchSessionTest {

    private static Template schema(String version, AtomicInteger builds) {
        return Template.of("batchtest", version + "-" + System.nanoTime(), ds -> {
            builds.incrementAndGet();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE results (case_id int PRIMARY KEY, score numeric)");
            }
        });
    }

    @Test
    void close_afterAFailingCase_dropsEveryCloneAndTheTemplateItBuilt() {
        SharedCluster cluster = SharedCluster.get();
        AtomicInteger builds = new AtomicInteger();
        Template template = schema("failing", builds);
        List<String> clones = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (BatchSession batch = cluster.openBatchSession()) {
                for (int caseId = 1; caseId <= 5; caseId++) {
                    TemporaryDatabase db = batch.clone(template); // deliberately not closed by the case
                    clones.add(db.name());
                    if (caseId == 3) {
                        throw new IllegalStateException("case 3 crashed");
                    }
                }
            }
        }).hasMessage("case 3 crashed");
        cluster.awaitBackgroundWork();
        assertThat(builds).hasValue(1);
        assertThat(clones).hasSize(3).allSatisfy(name -> assertThat(cluster.databaseExists(name)).as(name).isFalse());
        assertThat(cluster.databaseExists(template.name())).isFalse();
    }

    @Test
    void close_templateThatExistedBefore_isKept() {
        SharedCluster cluster = SharedCluster.get();
        Template template = schema("shared", new AtomicInteger());
        cluster.ensureTemplate(template);
        try {
            try (BatchSession batch = cluster.openBatchSession(); TemporaryDatabase db = batch.clone(template)) {
                assertThat(batch.ownedTemplates()).isEmpty();
                assertThat(db.name()).startsWith("pgfixture_db_");
            }
            assertThat(cluster.databaseExists(template.name())).isTrue();
        } finally {
            cluster.forceDropDatabase(template.name());
        }
    }

    @Test
    void clone_afterClose_isRefused() {
        BatchSession batch = SharedCluster.get().openBatchSession();
        batch.close();
        assertThatThrownBy(() -> batch.clone(schema("closed", new AtomicInteger())))
                .isInstanceOf(PgFixtureException.class).hasMessageContaining("closed");
    }
}
