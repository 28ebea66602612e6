package io.github.pgfixture.examples.migrating;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Skips every test of a "before" class whose peer needs Docker when Testcontainers finds no Docker
 * environment, as on this project's CI, with the reason on each skipped test. A condition rather than an
 * assumption in {@code beforeAll}: JUnit evaluates it before any extension starts a container, and
 * Surefire reports a class aborted in {@code beforeAll} as "Tests run: 0", with no reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.DockerAvailable.class)
@interface RequiresDocker {

    final class DockerAvailable implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("Docker is available");
            }
            return ConditionEvaluationResult.disabled("Docker is not available (Testcontainers found no Docker "
                    + "environment), so this 'before' example, which needs Docker, is skipped. Its pgfixture "
                    + "counterpart runs without Docker.");
        }
    }
}
