package io.github.pgfixture.testng;

import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.Template;
import io.github.pgfixture.support.AdapterTemplates;
import io.github.pgfixture.support.DatabaseViews;
import org.testng.IDataProviderMethod;
import org.testng.ITestContext;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.annotations.Listeners;
import org.testng.annotations.Test;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one test class asks of the listener, read from its annotations: its annotated fields, the
 * template each field and data-provider parameter names (its own attributes, else the class default,
 * else an empty database), and the checks that refuse what cannot work. Computed on demand from the
 * class; holds no state of a run.
 */
final class TestClassPlan {

    /** "No template": a clone of lib's one empty template, so that it is auto-named and reaped like any other. */
    static final Template EMPTY = AdapterTemplates.EMPTY;

    static final List<Class<?>> TYPES = DatabaseViews.TYPES;

    /** Parameter types TestNG fills itself in a test method, next to the data provider's values. */
    private static final Set<Class<?>> NATIVE = Set.of(ITestContext.class, XmlTest.class, Method.class, ITestResult.class);

    private static final String SUPPORTED = "TemporaryDatabase, javax.sql.DataSource, java.sql.Connection or "
            + "String (the JDBC URL)";

    private final Class<?> testClass;
    private final Template classTemplate;
    private final List<Field> fields;
    private final Template fieldTemplate;

    private TestClassPlan(Class<?> testClass) {
        this.testClass = testClass;
        this.classTemplate = classTemplate(testClass);
        this.fields = annotatedFields(testClass);
        Map<String, Template> wanted = new LinkedHashMap<>();
        for (Field field : fields) {
            wanted.put("field " + describe(field), templateOf(field.getAnnotation(TempDatabase.class), "field " + describe(field)));
        }
        this.fieldTemplate = fields.isEmpty() ? null : agree(wanted);
    }

    /** Reads {@code testClass}; throws a {@link PgFixtureException} naming the element to fix. */
    static TestClassPlan of(Class<?> testClass) {
        return new TestClassPlan(testClass);
    }

    /**
     * True when the class or a superclass names {@link PgFixtureListener} in {@code @Listeners}, or
     * carries {@link TempDatabase} on itself or on a field. The listener leaves every other class alone.
     */
    static boolean optedIn(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(TempDatabase.class)) {
                return true;
            }
            Listeners listeners = c.getAnnotation(Listeners.class);
            if (listeners != null && Arrays.asList(listeners.value()).contains(PgFixtureListener.class)) {
                return true;
            }
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(TempDatabase.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean hasFields() {
        return !fields.isEmpty();
    }

    /** The template of the fields' database; only when {@link #hasFields()}. */
    Template fieldTemplate() {
        return fieldTemplate;
    }

    /**
     * The template of the database for {@code test}, fed by the data provider: the one its parameters
     * and the class's fields agree on.
     */
    Template templateFor(Method test) {
        Map<String, Template> wanted = new LinkedHashMap<>();
        for (Field field : fields) {
            wanted.put("field " + describe(field), fieldTemplate);
        }
        Parameter[] parameters = test.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (NATIVE.contains(parameter.getType())) {
                continue;
            }
            String where = "parameter " + i + " (" + parameter.getType().getSimpleName() + ") of " + describe(test);
            if (!TYPES.contains(parameter.getType())) {
                throw new PgFixtureException(where + " cannot come from PgFixtureListener's data provider. Declare it as "
                        + SUPPORTED + ", or use a data provider of your own for it.");
            }
            wanted.put(where, templateOf(parameter.getAnnotation(TempDatabase.class), where));
        }
        if (wanted.isEmpty()) {
            throw new PgFixtureException(describe(test) + " uses PgFixtureListener's data provider but has no parameter to "
                    + "receive the database. Add one of type " + SUPPORTED + ".");
        }
        return agree(wanted);
    }

    /** The data provider's row in dry-run mode: a null for each parameter it would fill. */
    static Object[] placeholders(Method test) {
        return new Object[(int) Arrays.stream(test.getParameterTypes()).filter(type -> !NATIVE.contains(type)).count()];
    }

    /** The data provider's row for {@code test}: a view of {@code invocation}'s database per parameter. */
    static Object[] arguments(Method test, Invocation invocation) {
        List<Object> row = new ArrayList<>();
        for (Parameter parameter : test.getParameters()) {
            if (!NATIVE.contains(parameter.getType())) {
                row.add(invocation.valueFor(parameter.getType()));
            }
        }
        return row.toArray();
    }

    /**
     * Refuses field injection where one instance of the class runs several test methods at once, since a
     * field then holds one database for all of them.
     *
     * @param testMethod the test method, or null when not known yet (in {@code @BeforeMethod})
     */
    void checkFieldsNotShared(ITestNGMethod testMethod, ITestContext context) {
        if (fields.isEmpty()) {
            return;
        }
        String reason = sharedInstance(testMethod, context);
        if (reason != null) {
            throw new PgFixtureException("Field " + describe(fields.get(0)) + " cannot hold the test's database: " + reason
                    + ", so one instance of " + testClass.getSimpleName() + " runs several test methods at the same time "
                    + "and a field would hold one database for all of them. Take the database as a test method parameter "
                    + "instead: @Test(dataProvider = PgFixtureListener.DATABASE, dataProviderClass = PgFixtureListener.class) "
                    + "void test(DataSource db). Or run this class with parallel=\"classes\", or \"instances\" with "
                    + "group-by-instances=\"true\", or mark it @Test(singleThreaded = true).");
        }
    }

    private String sharedInstance(ITestNGMethod testMethod, ITestContext context) {
        XmlTest xml = context.getCurrentXmlTest();
        if (xml != null && xml.getThreadCount() > 1 && !singleThreaded(testClass)) {
            if (xml.getParallel() == XmlSuite.ParallelMode.METHODS) {
                return "<test name=\"" + xml.getName() + "\"> runs parallel=\"methods\" with thread-count="
                        + xml.getThreadCount();
            }
            // TestNG (7.x) keeps an instance's methods on one thread under parallel="instances" only with
            // group-by-instances; otherwise each method is a task of its own, as under parallel="methods".
            if (xml.getParallel() == XmlSuite.ParallelMode.INSTANCES && !xml.getGroupByInstances()) {
                return "<test name=\"" + xml.getName() + "\"> runs parallel=\"instances\" with thread-count="
                        + xml.getThreadCount() + " but without group-by-instances=\"true\"";
            }
        }
        if (testMethod != null) {
            int threadPoolSize = threadPoolSize(testMethod);
            if (threadPoolSize > 1) {
                return testMethod.getMethodName() + " runs with threadPoolSize=" + threadPoolSize;
            }
            IDataProviderMethod provider = testMethod.getDataProviderMethod();
            if (provider != null && provider.isParallel()) {
                return testMethod.getMethodName() + "'s data provider \"" + provider.getName() + "\" is parallel";
            }
        }
        return null;
    }

    /** Sets the fields to views of {@code invocation}'s database, unless they hold another running test's. */
    void inject(Object instance, Invocation invocation, ITestContext context) {
        invocation.claimFields(context, testClass.getSimpleName());
        for (Field field : fields) {
            set(field, instance, invocation.valueFor(field.getType()));
        }
    }

    void clear(Object instance) {
        for (Field field : fields) {
            set(field, instance, null);
        }
    }

    /** Every template this class may ask for, for the suite's preparation; misconfigured ones left out. */
    static Set<Template> templatesOf(Class<?> testClass, List<Method> providerFed) {
        Set<Template> templates = new java.util.LinkedHashSet<>();
        TestClassPlan plan;
        try {
            plan = of(testClass);
        } catch (RuntimeException misconfigured) {
            return templates; // the tests report it
        }
        if (plan.hasFields()) {
            templates.add(plan.fieldTemplate);
        }
        for (Method test : providerFed) {
            try {
                templates.add(plan.templateFor(test));
            } catch (RuntimeException misconfigured) {
                // the test reports it
            }
        }
        return templates;
    }

    private Template templateOf(TempDatabase own, String where) {
        Template template = own == null ? null : resolve(own, "@TempDatabase on " + where);
        return template != null ? template : classTemplate;
    }

    private static Template classTemplate(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            TempDatabase annotation = c.getAnnotation(TempDatabase.class);
            if (annotation != null) {
                Template template = resolve(annotation, "@TempDatabase on class " + c.getName());
                return template != null ? template : EMPTY;
            }
        }
        return EMPTY;
    }

    private static Template resolve(TempDatabase annotation, String where) {
        return AdapterTemplates.resolve(annotation.flyway(), annotation.liquibase(), annotation.sql(), annotation.setup(),
                annotation.version(), where);
    }

    private Template agree(Map<String, Template> wanted) {
        Template first = wanted.values().iterator().next();
        for (Map.Entry<String, Template> entry : wanted.entrySet()) {
            if (!entry.getValue().equals(first)) {
                String firstWhere = wanted.keySet().iterator().next();
                throw new PgFixtureException(testClass.getSimpleName() + " gets one database per test method, but "
                        + firstWhere + " asks for " + label(first) + " and " + entry.getKey() + " for "
                        + label(entry.getValue()) + ". Name the template once, on the class (@TempDatabase(...) on "
                        + testClass.getSimpleName() + "), or create the second database in the test with "
                        + "SharedCluster.get().temporaryClone(template).");
            }
        }
        return first;
    }

    private static String label(Template template) {
        return template == EMPTY ? "an empty database" : "template " + template.name();
    }

    private static List<Field> annotatedFields(Class<?> testClass) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!field.isAnnotationPresent(TempDatabase.class)) {
                    continue;
                }
                String where = "@TempDatabase on field " + describe(field);
                if (Modifier.isStatic(field.getModifiers())) {
                    throw new PgFixtureException(where + ": the field is static, so it would hold one test's database "
                            + "for every test. Make it an instance field; each test method gets its own database.");
                }
                if (Modifier.isFinal(field.getModifiers())) {
                    throw new PgFixtureException(where + ": the field is final and cannot be set. Remove final.");
                }
                if (!TYPES.contains(field.getType())) {
                    throw new PgFixtureException(where + ": type " + field.getType().getName() + " is not supported. "
                            + "Declare it as " + SUPPORTED + ".");
                }
                fields.add(field);
            }
        }
        return fields;
    }

    /**
     * The thread pool an {@code invocationCount > 1} method runs on, else 0. Read from the annotations too,
     * as TestNG runs such a method as clones that each say {@code threadPoolSize = 1, invocationCount = 1}.
     */
    private int threadPoolSize(ITestNGMethod testMethod) {
        int pool = testMethod.getThreadPoolSize();
        int count = testMethod.getInvocationCount();
        Method method = testMethod.getConstructorOrMethod().getMethod();
        Test onMethod = method == null ? null : method.getAnnotation(Test.class);
        Test onClass = classTest(testClass);
        for (Test test : Arrays.asList(onMethod, onClass)) {
            if (test != null) {
                pool = Math.max(pool, test.threadPoolSize());
                count = Math.max(count, test.invocationCount());
            }
        }
        return count > 1 && pool > 1 ? pool : 0;
    }

    private static Test classTest(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            Test test = c.getAnnotation(Test.class);
            if (test != null) {
                return test;
            }
        }
        return null;
    }

    private static boolean singleThreaded(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            Test test = c.getAnnotation(Test.class);
            if (test != null && test.singleThreaded()) {
                return true;
            }
        }
        return false;
    }

    private static void set(Field field, Object instance, Object value) {
        try {
            field.setAccessible(true);
            field.set(instance, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new PgFixtureException("Cannot set field " + describe(field) + ": " + e + ". If the test class is in a named "
                    + "module, open its package to reflection.", e);
        }
    }

    private static String describe(Field field) {
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }
}
