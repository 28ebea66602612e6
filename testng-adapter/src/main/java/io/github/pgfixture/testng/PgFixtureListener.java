package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.Template;
import io.github.pgfixture.support.AdapterSettings;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.IResultMap;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestContext;
import org.testng.ITestListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Gives every test method of the classes that opt in a PostgreSQL database of its own, cloned from a
 * template, and drops it when the method ends.
 *
 * <p>A class opts in with {@code @Listeners(PgFixtureListener.class)}, or with {@link TempDatabase} on
 * the class or on a field (this jar registers the listener with TestNG's service loader, so it is
 * active wherever it is on the class path, and it leaves every class that did not opt in alone). The
 * database reaches the test through {@link TempDatabase} fields, or as arguments from the data provider
 * {@link #DATABASE}:
 * <pre>{@code
 * @Listeners(PgFixtureListener.class)
 * @TempDatabase(flyway = "db/migration")
 * public class OrderRepositoryTest {
 *     @TempDatabase DataSource db;                // set before the first @BeforeMethod
 *
 *     @Test
 *     public void savesAnOrder() { new OrderRepository(db).save(order); ... }
 *
 *     @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)
 *     public void asAnArgument(Connection connection) { ... } // the way for parallel="methods"
 * }
 * }</pre>
 *
 * <p>Lifetime: from the test method's first {@code @BeforeMethod} (or its data provider) to the end of
 * the test method. Then the connection handed out is closed and the database dropped, whether the test
 * passed, failed or was skipped (a failing configuration method skips the test; its database is dropped
 * all the same). With {@value #KEEP_ON_FAILURE}{@code =true} the database of a failed test is kept for
 * inspection instead: its URL is logged, added to the failure as a suppressed exception, written to
 * {@link Reporter#log(String)} and set as the result attribute {@value #KEPT_URL}.
 *
 * <p>Fields are refused, with a {@link PgFixtureException} that points to the data provider, wherever
 * one test instance would run several methods at once: {@code parallel="methods"}, {@code
 * parallel="instances"} without {@code group-by-instances="true"}, {@code threadPoolSize}, parallel data
 * providers; and, whatever the configuration, when a second method of an instance starts while the
 * first still holds its fields.
 *
 * <p>Settings ({@value #KEEP_ON_FAILURE}, {@value #ABORT_IF_UNAVAILABLE}, {@value #PREBUILD_TEMPLATES})
 * are TestNG parameters of the {@code <test>} or {@code <suite>}, else pgfixture settings (system
 * property, environment variable such as {@code PGFIXTURE_KEEP_ON_FAILURE}, {@code pgfixture.properties}).
 *
 * <p>At suite start the listener builds the templates its classes name, the distinct ones in parallel;
 * if PostgreSQL cannot start, that is left to the tests to report. In TestNG's dry-run mode
 * ({@code -Dtestng.mode.dryrun=true}, which IDEs and the JUnit Platform's TestNG engine use to list tests)
 * it does nothing at all: no cluster, no template, no database; the data provider hands out nulls.
 *
 * <p>The listener holds no state: a method's database lives on its {@link ITestResult}, so one listener
 * serves any number of suites and threads.
 */
public final class PgFixtureListener implements IInvokedMethodListener, ITestListener, ISuiteListener {

    /**
     * The name of the data provider that hands a test method its database as arguments:
     * {@code @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class)}.
     * Every parameter must be a {@code TemporaryDatabase}, {@code DataSource}, {@code Connection} or
     * {@code String} (the URL), all views of one database, except those TestNG fills itself
     * ({@code ITestContext}, {@code XmlTest}, {@code Method}, {@code ITestResult}).
     */
    public static final String DATABASE = "pgfixture-database";

    /** {@code true} keeps the database of a failed test for inspection. Default {@code false}. */
    public static final String KEEP_ON_FAILURE = AdapterSettings.KEEP_ON_FAILURE;

    /**
     * {@code true} skips the tests that need a database when PostgreSQL cannot be started or reached,
     * instead of failing them. Default {@code false}.
     */
    public static final String ABORT_IF_UNAVAILABLE = AdapterSettings.ABORT_IF_UNAVAILABLE;

    /**
     * {@code false} turns off building the suite's templates before its first test method; each is then
     * built by the first test that needs it. Default {@code true}.
     */
    public static final String PREBUILD_TEMPLATES = AdapterSettings.PREBUILD_TEMPLATES;

    /** Attribute of a failed test's {@link ITestResult}: the JDBC URL (password included) of its kept database. */
    public static final String KEPT_URL = "pgfixture.kept-url";

    private static final String LISTENING = "io.github.pgfixture.testng.listening";

    /** For TestNG, which makes listeners. */
    public PgFixtureListener() {
    }

    /**
     * The data provider {@link #DATABASE}: clones the test method's database and returns one row of views
     * of it, one per parameter. The template is the parameters' {@link TempDatabase}, else the class's.
     *
     * @param context the running test's context; its suite must have this listener listening
     * @param method  the test method whose parameters are filled
     * @return one row: a view of the new database for each parameter, in order
     * @throws PgFixtureException if this listener is not listening in the suite (nothing would drop the
     *                            database), or the template cannot be built or cloned
     */
    @DataProvider(name = DATABASE, propagateFailureAsTestFailure = true, cacheDataForTestRetries = false)
    public static Object[][] database(ITestContext context, ITestNGMethod method) {
        Method test = method.getConstructorOrMethod().getMethod();
        if (dryRun()) {
            return new Object[][] {TestClassPlan.placeholders(test)};
        }
        if (context.getSuite().getAttribute(LISTENING) == null) {
            throw new PgFixtureException("PgFixtureListener is not listening in suite \"" + context.getSuite().getName()
                    + "\", so nothing would drop the database of " + method.getQualifiedName() + ". Add "
                    + "@Listeners(PgFixtureListener.class) to " + method.getRealClass().getSimpleName()
                    + " or <listener class-name=\"" + PgFixtureListener.class.getName() + "\"/> to the suite.");
        }
        Template template = TestClassPlan.of(method.getRealClass()).templateFor(test);
        Invocation invocation;
        try {
            invocation = Invocation.open(template, method.getInstance(), ListenerSettings.of(context));
        } catch (SkipException unavailable) {
            Invocation.park(context, Invocation.skipping(template, method.getInstance(), unavailable));
            return new Object[][] {TestClassPlan.placeholders(test)};
        }
        try {
            Object[] arguments = TestClassPlan.arguments(test, invocation);
            Invocation.park(context, invocation);
            return new Object[][] {arguments};
        } catch (RuntimeException e) {
            invocation.end(false);
            throw e;
        }
    }

    @Override
    public void onStart(ISuite suite) {
        if (dryRun()) {
            return;
        }
        suite.setAttribute(LISTENING, Boolean.TRUE);
        SuitePreparation.buildTemplates(suite);
    }

    @Override
    public void beforeInvocation(IInvokedMethod method, ITestResult result, ITestContext context) {
        if (dryRun()) {
            return;
        }
        if (method.isTestMethod()) {
            beforeTestMethod(result, context);
        } else if (method.getTestMethod().isBeforeMethodConfiguration() && result.getStatus() != ITestResult.SKIP) {
            beforeMethodConfiguration(result, context);
        }
    }

    /** The first {@code @BeforeMethod} of a test method opens its database and sets the fields. */
    private static void beforeMethodConfiguration(ITestResult result, ITestContext context) {
        Object instance = result.getInstance();
        if (instance == null || !TestClassPlan.optedIn(instance.getClass())) {
            return;
        }
        TestClassPlan plan = TestClassPlan.of(instance.getClass());
        if (!plan.hasFields()) {
            return;
        }
        plan.checkFieldsNotShared(null, context);
        Invocation invocation = Invocation.parked(context, instance);
        if (invocation != null) {
            invocation.skipIfUnavailable();
        } else {
            invocation = Invocation.open(plan.fieldTemplate(), instance, ListenerSettings.of(context));
            Invocation.park(context, invocation);
        }
        plan.inject(instance, invocation, context);
    }

    /**
     * The test method takes over the database its {@code @BeforeMethod} or data provider opened, or opens
     * one for its fields.
     */
    private static void beforeTestMethod(ITestResult result, ITestContext context) {
        Invocation invocation = Invocation.adopt(result);
        if (invocation != null) {
            invocation.skipIfUnavailable();
        }
        Object instance = result.getInstance();
        if (instance == null || result.getStatus() == ITestResult.SKIP || !TestClassPlan.optedIn(instance.getClass())) {
            return;
        }
        TestClassPlan plan = TestClassPlan.of(instance.getClass());
        if (!plan.hasFields()) {
            return;
        }
        plan.checkFieldsNotShared(result.getMethod(), context);
        if (invocation == null) {
            invocation = Invocation.open(plan.fieldTemplate(), instance, ListenerSettings.of(context));
            result.setAttribute(Invocation.ATTRIBUTE, invocation);
        }
        plan.inject(instance, invocation, context);
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult result, ITestContext context) {
        if (method.isTestMethod() && !dryRun()) {
            Invocation.finish(result);
        }
    }

    /** Also for a test skipped before it ran, whose database a {@code @BeforeMethod} or data provider opened. */
    @Override
    public void onTestStart(ITestResult result) {
        if (!dryRun()) {
            Invocation.adopt(result);
        }
    }

    /** A test skipped before it ran gets no {@code afterInvocation} when TestNG's alwaysRunListeners is off. */
    @Override
    public void onTestSkipped(ITestResult result) {
        if (!dryRun()) {
            Invocation.finish(result);
        }
    }

    /** Safety net: databases of this {@code <test>} whose end TestNG never reported are dropped here. */
    @Override
    public void onFinish(ITestContext context) {
        if (dryRun()) {
            return;
        }
        for (IResultMap results : List.of(context.getPassedTests(), context.getFailedTests(), context.getSkippedTests(),
                context.getFailedButWithinSuccessPercentageTests())) {
            for (ITestResult result : results.getAllResults()) {
                if (result.getAttribute(Invocation.ATTRIBUTE) != null) {
                    Invocation.finish(result);
                }
            }
        }
        Invocation.endParked(context);
    }

    /** TestNG's dry-run mode: methods are listed, not run; so nothing is cloned either. */
    static boolean dryRun() {
        return Boolean.parseBoolean(System.getProperty("testng.mode.dryrun", "false"));
    }
}
