package io.github.pgfixture.spring;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.support.AdapterSettings;
import io.github.pgfixture.support.KeptDatabase;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.util.ClassUtils;

/**
 * Moves the context's DataSource to a fresh clone before each test class (and each test method under
 * {@code Isolation.METHOD}) of a class with {@link AutoConfigureTempDatabase}, and drops the clone after
 * it. Registered in META-INF/spring.factories, so that JUnit's {@code SpringExtension} and TestNG's
 * {@code AbstractTestNGSpringContextTests} both run it. It holds no state: that lives in the context's
 * {@link CloneDataSource}.
 */
class TempDatabaseTestExecutionListener extends AbstractTestExecutionListener {

    /**
     * Before Spring injects into the test instance (2000) and, above all, before the transaction of a
     * {@code @Transactional} test begins (4000): the test's transaction is on its own clone. After it,
     * in reverse, the rollback comes before the clone is dropped.
     */
    static final int ORDER = 1950;

    private static final String TESTNG_TEST = "org.testng.IHookable";
    private static final String TESTNG_SKIP = "org.testng.SkipException";
    private static final String JUNIT_ABORT = "org.opentest4j.TestAbortedException";

    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * Before the context is loaded: without PostgreSQL, the class fails with the cause, or, with
     * {@value AdapterSettings#ABORT_IF_UNAVAILABLE} (a pgfixture setting: the context's properties are not
     * read yet), is skipped by the framework's own means.
     */
    @Override
    public void beforeTestClass(TestContext testContext) {
        if (annotation(testContext) != null) {
            clusterOrSkip(testContext);
            dataSource(testContext.getApplicationContext()).beginClass(testContext.getTestClass());
        }
    }

    /**
     * Before dependency injection (2000) loads the context, the same check as {@link #beforeTestClass}:
     * {@code AbstractTestNGSpringContextTests} prepares the instance in an {@code alwaysRun} configuration
     * method even when {@code beforeTestClass} skipped the class, and the context would then fail to load
     * (Hibernate, {@code spring.sql.init} and runners connect while it starts) and be reported as a
     * configuration failure. Under JUnit with {@code PER_CLASS} lifecycle it comes first. A context
     * loaded already needs no cluster to inject from ({@code beforeTestClass} checks every class).
     */
    @Override
    public void prepareTestInstance(TestContext testContext) {
        if (annotation(testContext) != null && !testContext.hasApplicationContext()) {
            clusterOrSkip(testContext);
        }
    }

    private static void clusterOrSkip(TestContext testContext) {
        AdapterSettings.read(key -> null, "Spring property")
                .clusterOrSkip("skipped", (message, cause) -> skip(testContext.getTestClass(), message, cause));
    }

    /** TestNG's SkipException for a TestNG class, JUnit's TestAbortedException otherwise; looked up by name. */
    private static RuntimeException skip(Class<?> testClass, String message, PgFixtureException cause) {
        ClassLoader loader = testClass.getClassLoader();
        try {
            if (ClassUtils.isPresent(TESTNG_SKIP, loader)
                    && ClassUtils.forName(TESTNG_TEST, loader).isAssignableFrom(testClass)) {
                RuntimeException skip = (RuntimeException) ClassUtils.forName(TESTNG_SKIP, loader)
                        .getConstructor(String.class).newInstance(message);
                skip.initCause(cause);
                return skip;
            }
            if (ClassUtils.isPresent(JUNIT_ABORT, loader)) {
                return (RuntimeException) ClassUtils.forName(JUNIT_ABORT, loader)
                        .getConstructor(String.class, Throwable.class).newInstance(message, cause);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            cause.addSuppressed(e);
        }
        return cause;
    }

    /**
     * Under TestNG, {@code AbstractTestNGSpringContextTests}' {@code alwaysRun} {@code @BeforeMethod} comes
     * here for a class that was skipped: without a loaded context, the check of {@link #beforeTestClass}
     * again, before Mockito's reset listener would load the context.
     */
    @Override
    public void beforeTestMethod(TestContext testContext) {
        AutoConfigureTempDatabase annotation = annotation(testContext);
        if (annotation != null && !testContext.hasApplicationContext()) {
            clusterOrSkip(testContext);
        }
        if (annotation != null && annotation.isolation() == AutoConfigureTempDatabase.Isolation.METHOD) {
            dataSource(testContext.getApplicationContext()).beginMethod(name(testContext));
        }
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        AutoConfigureTempDatabase annotation = annotation(testContext);
        // A context closed by @DirtiesContext has dropped its clones already.
        if (annotation == null || !testContext.hasApplicationContext()) {
            return;
        }
        CloneDataSource dataSource = dataSource(testContext.getApplicationContext());
        Throwable failure = testContext.getTestException();
        if (annotation.isolation() == AutoConfigureTempDatabase.Isolation.METHOD) {
            KeptDatabase kept = dataSource.endMethod(name(testContext), failure != null);
            if (kept != null) {
                failure.addSuppressed(kept);
            }
        } else if (failure != null) {
            dataSource.testFailed();
        }
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        if (annotation(testContext) != null && testContext.hasApplicationContext()) {
            dataSource(testContext.getApplicationContext()).endClass(testContext.getTestClass());
        }
    }

    private static AutoConfigureTempDatabase annotation(TestContext testContext) {
        return TempDatabaseContextCustomizerFactory.find(testContext.getTestClass());
    }

    private static CloneDataSource dataSource(ApplicationContext context) {
        return context.getBean(CloneDataSource.NAME, CloneDataSource.class);
    }

    private static String name(TestContext testContext) {
        return testContext.getTestClass().getName() + "." + testContext.getTestMethod().getName();
    }
}
