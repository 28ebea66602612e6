package io.github.pgfixture.junit5;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

/**
 * Whether a context or anything below it failed, for keep-on-failure: a class-wide database is kept
 * when any test of the class failed. As in JUnit's {@code TempDirectory}, a tracker in each context's
 * store marks, when that context closes, every ancestor up to the engine as having a failed child.
 * An aborted test (a failed assumption) is no failure.
 */
final class FailureTracking {

    private static final String CHILD_FAILED = "child-failed";

    private FailureTracking() {
    }

    static void install(ExtensionContext context) {
        ClosedByJUnit.put(context.getStore(TempDatabaseExtension.NAMESPACE), new TrackerKey(context.getUniqueId()),
                new Tracker(context));
    }

    static boolean failed(ExtensionContext context) {
        return context.getExecutionException().filter(t -> !(t instanceof TestAbortedException)).isPresent()
                || own(context).get(CHILD_FAILED) != null;
    }

    /** A namespace only this context uses, so that lookups never find a parent's entry. */
    private static Store own(ExtensionContext context) {
        return context.getStore(TempDatabaseExtension.NAMESPACE.append(context.getUniqueId()));
    }

    private record TrackerKey(String contextId) {
    }

    private record Tracker(ExtensionContext context) implements AutoCloseable {

        @Override
        public void close() {
            if (!failed(context)) {
                return;
            }
            ExtensionContext root = context.getRoot();
            for (Optional<ExtensionContext> parent = context.getParent();
                 parent.isPresent() && parent.get() != root; parent = parent.get().getParent()) {
                own(parent.get()).put(CHILD_FAILED, Boolean.TRUE);
            }
        }
    }
}
