package io.github.pgfixture.testng;

import io.github.pgfixture.Template;
import io.github.pgfixture.support.TemplatePrebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testng.ISuite;
import org.testng.ITestNGMethod;
import org.testng.annotations.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the templates a suite's opted-in classes name before its first test method runs, the distinct
 * ones in parallel, so that no test pays for a migration and the first tests of several classes do not
 * queue behind one another's. Best effort: whatever fails here (a cluster that cannot boot, a migration
 * that fails, a misconfigured annotation) is left for the tests that need it to report.
 * {@link PgFixtureListener#PREBUILD_TEMPLATES} {@code = false} (a {@code <suite>} parameter or a setting)
 * turns it off.
 */
final class SuitePreparation {

    private static final Logger LOG = LoggerFactory.getLogger(PgFixtureListener.class);

    private SuitePreparation() {
    }

    static void buildTemplates(ISuite suite) {
        try {
            if (!ListenerSettings.of(suite).prebuildTemplates()) {
                return;
            }
        } catch (RuntimeException misconfigured) {
            LOG.warn("pgfixture does not prepare the templates of suite \"{}\": {}", suite.getName(),
                    misconfigured.getMessage());
            return;
        }
        TemplatePrebuild.build(templatesOf(suite), "suite \"" + suite.getName() + "\"");
    }

    /** The templates of the suite's opted-in classes and of its methods fed by our data provider. */
    private static Set<Template> templatesOf(ISuite suite) {
        Map<Class<?>, List<Method>> classes = new LinkedHashMap<>();
        for (ITestNGMethod method : suite.getAllMethods()) {
            Method test = method.getConstructorOrMethod().getMethod();
            List<Method> fed = classes.computeIfAbsent(method.getRealClass(), c -> new ArrayList<>());
            if (test != null && usesDatabaseProvider(test)) {
                fed.add(test);
            }
        }
        Set<Template> templates = new LinkedHashSet<>();
        classes.forEach((testClass, fed) -> {
            if (!fed.isEmpty() || TestClassPlan.optedIn(testClass)) {
                templates.addAll(TestClassPlan.templatesOf(testClass, fed));
            }
        });
        return templates;
    }

    /** True when {@code test}'s {@code @Test}, or its class's, names our data provider. */
    static boolean usesDatabaseProvider(Method test) {
        Test onMethod = test.getAnnotation(Test.class);
        Test onClass = test.getDeclaringClass().getAnnotation(Test.class);
        String provider = onMethod != null && !onMethod.dataProvider().isEmpty() ? onMethod.dataProvider()
                : onClass != null ? onClass.dataProvider() : "";
        Class<?> providerClass = onMethod != null && onMethod.dataProviderClass() != Object.class
                ? onMethod.dataProviderClass() : onClass != null ? onClass.dataProviderClass() : Object.class;
        return providerClass == PgFixtureListener.class && PgFixtureListener.DATABASE.equals(provider);
    }
}
