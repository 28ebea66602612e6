package io.github.pgfixture.junit5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static io.github.pgfixture.junit5.Fixtures.record;
import static io.github.pgfixture.junit5.Fixtures.recorded;
import static io.github.pgfixture.junit5.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values stored with {@link ClosedByJUnit} are closed exactly once by the Jupiter on the test class
 * path, whichever it is (the build runs this on the newest 6.x, profile {@code junit-5.10} on 5.10),
 * and also where closing {@code AutoCloseable} store values is switched off (5.13 and later).
 */
class ClosedByJUnitTest {

    private static final String AUTO_CLOSE = "junit.jupiter.extensions.store.close.autocloseable.enabled";

    @Test
    void storedResource_closedOnceWhenTheTestEnds_foundAgainUnwrapped() {
        EngineExecutionResults results = run(StoresAResource.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(recorded("closed")).containsExactlyInAnyOrder("first", "second");
        assertThat(recorded("found")).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void closingAutoCloseablesSwitchedOff_storedResourceStillClosedOnce() {
        EngineExecutionResults results = run(StoresAResource.class, AUTO_CLOSE, "false");

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(recorded("closed")).containsExactlyInAnyOrder("first", "second");
    }

    // ---- fixtures ----

    record Resource(String name) implements AutoCloseable {
        @Override
        public void close() {
            record("closed", name);
        }
    }

    static class StoresResource implements BeforeEachCallback {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoresResource.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            ExtensionContext.Store store = context.getStore(NAMESPACE);
            ClosedByJUnit.put(store, "resource", new Resource(context.getRequiredTestMethod().getName()));
            record("found", ClosedByJUnit.get(store, "resource", Resource.class).name());
        }
    }

    @ExtendWith(StoresResource.class)
    static class StoresAResource {
        @Test
        void first() {
            assertThat(recorded("closed")).doesNotContain("first");
        }

        @Test
        void second() {
            assertThat(recorded("closed")).doesNotContain("second");
        }
    }
}
