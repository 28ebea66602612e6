package io.github.pgfixture.examples;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.examples.batch.EvaluationBatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationBatchExampleTest {

    @Test
    void everyCaseRunsOnAFreshCloneAndTheTemplateIsGoneAfterwards() {
        List<String> results = EvaluationBatch.run(List.of(1, 3, 5));
        // each case starts from 3 pears: the earlier cases' orders are not visible to later ones
        assertThat(results).containsExactly("order of 1 pears: 2 left", "order of 3 pears: 0 left",
                "order of 5 pears: refused (23514)");
        assertThat(SharedCluster.get().databaseExists(EvaluationBatch.INVENTORY.name())).isFalse();
    }

}
