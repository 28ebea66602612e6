package io.github.pgfixture.examples.arena.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times the test's own code (its {@code @BeforeEach} methods, the test method, its {@code @AfterEach}
 * methods) and publishes the sum as a report entry, which {@link RunSummary} subtracts from the
 * test's whole time to get what the fixture cost it: cloning, connecting, dropping, and JUnit's own
 * work. Parameters such as a {@code @TempDatabase DataSource} are resolved before an interceptor
 * runs, so the clone is never counted as test code. Registered by service loading
 * ({@code junit.jupiter.extensions.autodetection.enabled}); keeps its timings in the test's store.
 */
public final class TestCodeTiming implements InvocationInterceptor, AfterEachCallback {

    /** Key of the report entry: nanoseconds spent in the test's own code. */
    public static final String KEY = "arena.test-code-nanos";

    private static final Namespace NAMESPACE = Namespace.create(TestCodeTiming.class);

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                          ExtensionContext context) throws Throwable {
        timed(invocation, context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        timed(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        timed(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        timed(invocation, context);
    }

    /** Runs after the test's {@code @AfterEach} methods, before its databases are closed. */
    @Override
    public void afterEach(ExtensionContext context) {
        context.publishReportEntry(KEY, Long.toString(total(context).get()));
    }

    private static void timed(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        long start = System.nanoTime();
        try {
            invocation.proceed();
        } finally {
            total(context).addAndGet(System.nanoTime() - start);
        }
    }

    private static AtomicLong total(ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(context.getUniqueId(), id -> new AtomicLong(),
                AtomicLong.class);
    }
}
