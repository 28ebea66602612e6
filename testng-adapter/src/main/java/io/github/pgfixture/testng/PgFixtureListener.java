package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.Template;
import io.github.pgfixture.internal.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.testng.annotations.DataProvider;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;

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
 * all the same). With {@value #KEEP_ON_FAILURE}{@code =true} (system property, environment variable
 * {@code PGFIXTURE_KEEP_ON_FAILURE}, {@code pgfixture.properties}, or a suite parameter, which wins) the
 * database of a failed test is kept for inspection instead: its URL is logged, written to
 * {@link Reporter#log(String)} and set as the result attribute {@value #KEPT_URL}.
 *
 * <p>At suite start the listener builds the templates its classes name, the distinct ones in parallel;
 * if PostgreSQL cannot start, that is left to the tests to report.
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
     * ({@code ITestContext}, {@code XmlTest}, {@code Method}).
     */
    public static final String DATABASE = "pgfixture-database";

    /** Setting and suite parameter: {@code true} keeps the database of a failed test for inspection. */
    public static final String KEEP_ON_FAILURE = "pgfixture.keep-on-failure";

    /** Attribute of a failed test's {@link ITestResult}: the JDBC URL (password included) of its kept database. */
    public static final String KEPT_URL = "pgfixture.kept-url";

    private static final Logger LOG = LoggerFactory.getLogger(PgFixtureListener.class);
    private static final String LISTENING = "io.github.pgfixture.testng.listening";

    /** For TestNG, which makes listeners. */
    public PgFixtureListener() {
    }

    /**
     * The data provider {@link #DATABASE}: clones the test method's database and returns one row of views
     * of it, one per parameter. The template is the parameters' {@link TempDatabase}, else the class's.
     */
    @DataProvider(name = DATABASE, propagateFailureAsTestFailure = true, cacheDataForTestRetries = false)
    public static Object[][] database(ITestContext context, ITestNGMethod method) {
        Method test = method.getConstructorOrMethod().getMethod();
        if (context.getSuite().getAttribute(LISTENING) == null) {
            throw new PgFixtureException("PgFixtureListener is not listening in suite \"" + context.getSuite().getName()
                    + "\", so nothing would drop the database of " + method.getQualifiedName() + ". Add "
                    + "@Listeners(PgFixtureListener.class) to " + method.getRealClass().getSimpleName()
                    + " or <listener class-name=\"" + PgFixtureListener.class.getName() + "\"/> to the suite.");
        }
        Template template = TestClassPlan.of(method.getRealClass()).templateFor(test);
        Invocation invocation = Invocation.open(template, method.getInstance());
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
        suite.setAttribute(LISTENING, Boolean.TRUE);
        SuitePreparation.buildTemplates(suite);
    }

    /** Checks {@value #KEEP_ON_FAILURE} once per {@code <test>}, so that a bad value stops the run at once. */
    @Override
    public void onStart(ITestContext context) {
        keepOnFailure(context);
    }

    @Override
    public void beforeInvocation(IInvokedMethod method, ITestResult result, ITestContext context) {
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
        if (invocation == null) {
            invocation = Invocation.open(plan.fieldTemplate(), instance);
            Invocation.park(context, invocation);
        }
        plan.inject(instance, invocation);
    }

    /**
     * The test method takes over the database its {@code @BeforeMethod} or data provider opened, or opens
     * one for its fields.
     */
    private static void beforeTestMethod(ITestResult result, ITestContext context) {
        Invocation invocation = Invocation.adopt(result);
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
            invocation = Invocation.open(plan.fieldTemplate(), instance);
            result.setAttribute(Invocation.ATTRIBUTE, invocation);
        }
        plan.inject(instance, invocation);
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult result, ITestContext context) {
        if (method.isTestMethod()) {
            end(result);
        }
    }

    /** Also for a test skipped before it ran, whose database a {@code @BeforeMethod} or data provider opened. */
    @Override
    public void onTestStart(ITestResult result) {
        Invocation.adopt(result);
    }

    /** A test skipped before it ran gets no {@code afterInvocation} when TestNG's alwaysRunListeners is off. */
    @Override
    public void onTestSkipped(ITestResult result) {
        end(result);
    }

    /** Safety net: databases of this {@code <test>} whose end TestNG never reported are dropped here. */
    @Override
    public void onFinish(ITestContext context) {
        for (IResultMap results : List.of(context.getPassedTests(), context.getFailedTests(), context.getSkippedTests(),
                context.getFailedButWithinSuccessPercentageTests())) {
            for (ITestResult result : results.getAllResults()) {
                if (result.getAttribute(Invocation.ATTRIBUTE) != null) {
                    end(result);
                }
            }
        }
        Invocation.endParked(context);
    }

    /** Drops the test's database (or keeps it if it failed and keep-on-failure is on) and clears its fields. */
    private static void end(ITestResult result) {
        Invocation invocation = Invocation.adopt(result);
        if (invocation == null) {
            return;
        }
        result.removeAttribute(Invocation.ATTRIBUTE);
        boolean keep = result.getStatus() == ITestResult.FAILURE && keepOnFailureQuietly(result.getTestContext());
        String url = invocation.end(keep);
        if (url != null) {
            String line = "pgfixture kept database " + invocation.database().name() + " of failed test "
                    + result.getMethod().getQualifiedName() + " for inspection: " + url;
            LOG.warn(line);
            Reporter.log(line);
            result.setAttribute(KEPT_URL, url);
        }
        Object instance = result.getInstance();
        if (instance != null) {
            try {
                TestClassPlan.of(instance.getClass()).clear(instance);
            } catch (RuntimeException misconfigured) {
                // reported when the fields were set
            }
        }
    }

    private static boolean keepOnFailureQuietly(ITestContext context) {
        try {
            return keepOnFailure(context);
        } catch (RuntimeException e) {
            return false; // reported at onStart
        }
    }

    /** {@value #KEEP_ON_FAILURE}: the suite parameter, else the setting (see the users guide). */
    static boolean keepOnFailure(ITestContext context) {
        String value = context.getCurrentXmlTest() == null ? null : context.getCurrentXmlTest().getParameter(KEEP_ON_FAILURE);
        String source = "suite parameter " + KEEP_ON_FAILURE;
        if (value == null) {
            Settings settings = Settings.load();
            value = settings.get(KEEP_ON_FAILURE).orElse(null);
            source = settings.sourceOf(KEEP_ON_FAILURE);
        }
        if (value == null) {
            return false;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
            case "":
                return false;
            default:
                throw new PgFixtureException("Setting " + KEEP_ON_FAILURE + " = '" + value + "' (from " + source
                        + ") is neither true nor false. Correct or remove it.");
        }
    }
}
