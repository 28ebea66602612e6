package io.github.pgfixture.examples.arena.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Times the test's own code (its {@code @BeforeEach} methods, the test method, its {@code @AfterEach}
 * methods) and publishes the sum, with when it began and ended, as a report entry, which {@link RunSummary} subtracts from the
 * test's whole time to get what the fixture cost it: cloning, connecting, dropping, and JUnit's own
 * work. Parameters such as a {@code @TempDatabase DataSource} are resolved before an interceptor
 * runs, so the clone is never counted as test code. Registered by service loading
 * ({@code junit.jupiter.extensions.autodetection.enabled}); keeps its timings in the test's store.
 */
public final class TestCodeTiming implements InvocationInterceptor, AfterEachCallback {

    /** Key in the report entry: nanoseconds spent in the test's own code. */
    public static final String KEY = "arena.test-code-nanos";
    /** Key in the report entry: {@link System#nanoTime()} when the test's own code began. */
    public static final String FIRST = "arena.test-code-first";
    /** Key in the report entry: {@link System#nanoTime()} when the test's own code ended. */
    public static final String LAST = "arena.test-code-last";

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
        Span span = span(context);
        synchronized (span) {
            if (span.runs > 0) {
                context.publishReportEntry(Map.of(KEY, Long.toString(span.nanos), FIRST, Long.toString(span.first),
                        LAST, Long.toString(span.last)));
            }
        }
    }

    private static void timed(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        long start = System.nanoTime();
        try {
            invocation.proceed();
        } finally {
            long end = System.nanoTime();
            Span span = span(context);
            synchronized (span) {
                span.first = span.runs == 0 ? start : span.first;
                span.last = end;
                span.nanos += end - start;
                span.runs++;
            }
        }
    }

    private static Span span(ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(context.getUniqueId(), id -> new Span(), Span.class);
    }

    /** One test's own code: how long in all, and from when to when. */
    private static final class Span {
        long nanos; // guarded by this
        long first; // guarded by this
        long last; // guarded by this
        int runs; // guarded by this
    }
}
