package io.github.pgfixture.junit5;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.junit5.internal.JUnitSettings;
import io.github.pgfixture.junit5.internal.TemplateResolution;
import io.github.pgfixture.support.AdapterSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The extension behind {@link TempDatabase}, modelled on JUnit's own {@code TempDirectory}: static
 * fields are injected before all tests of a class, instance fields (of every enclosing instance,
 * for {@code @Nested}) before each test, parameters on resolution.
 *
 * <p>It holds no state: each database lives in the {@link Store} of the extension context it was
 * made for (the test's, or the class's for static fields and {@code @BeforeAll} parameters), under
 * a key made of that context's unique id and the template's name, as an {@code AutoCloseable} that
 * JUnit closes when the context ends (see {@link ClosedByJUnit}). So injection points of one test that name one template share
 * one database, and every test, repetition and invocation has its own.
 */
final class TempDatabaseExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    static final Namespace NAMESPACE = Namespace.create(TempDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        prepare(context, needsClassDatabase(context.getRequiredTestClass()));
        injectFields(context, null, context.getRequiredTestClass(), ModifierSupport::isStatic);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        prepare(context, true);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(context, instance, instance.getClass(), ModifierSupport::isNotStatic);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (!parameterContext.isAnnotated(TempDatabase.class)) {
            return false;
        }
        String where = describe(parameterContext);
        if (parameterContext.getDeclaringExecutable() instanceof Constructor) {
            throw new ExtensionConfigurationException(where + " is a constructor parameter, which @TempDatabase does "
                    + "not support. Move @TempDatabase to a field, or to a parameter of the test method or of a "
                    + "@BeforeEach or @BeforeAll method.");
        }
        Kind.of(parameterContext.getParameter().getType(), where);
        return true;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        String where = describe(parameterContext);
        Class<?> kind = Kind.of(parameterContext.getParameter().getType(), where);
        TempDatabase annotation = parameterContext.findAnnotation(TempDatabase.class).orElseThrow();
        return database(extensionContext, annotation, extensionContext.getRequiredTestClass(), where).value(kind);
    }

    /**
     * Keep-on-failure needs to know about failures below this context; with abort-if-unavailable,
     * the cluster is asked for here, since JUnit turns an abort during parameter resolution into a
     * failure but reports one from a callback as what it is. Before all tests of a class only if the
     * class itself needs a database: an abort there aborts the class, and its tests never appear in
     * the report (Surefire counts none), where each test should be reported as aborted.
     */
    private static void prepare(ExtensionContext context, boolean needsDatabase) {
        AdapterSettings settings = settings(context);
        if (settings.keepOnFailure()) {
            FailureTracking.install(context);
        }
        if (needsDatabase && settings.abortIfUnavailable()) {
            cluster(settings);
        }
    }

    /** A static {@code @TempDatabase} field, or one on a parameter of a {@code @BeforeAll} or {@code @AfterAll} method. */
    private static boolean needsClassDatabase(Class<?> testClass) {
        if (!AnnotationSupport.findAnnotatedFields(testClass, TempDatabase.class, ModifierSupport::isStatic).isEmpty()) {
            return true;
        }
        return Stream.of(BeforeAll.class, AfterAll.class)
                .flatMap(a -> AnnotationSupport.findAnnotatedMethods(testClass, a, HierarchyTraversalMode.TOP_DOWN).stream())
                .flatMap(m -> Arrays.stream(m.getParameters()))
                .anyMatch(p -> AnnotationSupport.isAnnotated(p, TempDatabase.class));
    }

    private static void injectFields(ExtensionContext context, Object instance, Class<?> type, Predicate<Field> which) {
        for (Field field : AnnotationSupport.findAnnotatedFields(type, TempDatabase.class, which)) {
            String where = "@TempDatabase field " + field.getDeclaringClass().getName() + "." + field.getName();
            if (ModifierSupport.isFinal(field)) {
                throw new ExtensionConfigurationException(where + " is final, so the database cannot be injected "
                        + "into it. Remove 'final'.");
            }
            Class<?> kind = Kind.of(field.getType(), where);
            TempDatabase annotation = AnnotationSupport.findAnnotation(field, TempDatabase.class).orElseThrow();
            Object value = database(context, annotation, type, where).value(kind);
            try {
                field.setAccessible(true);
                field.set(instance, value);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new ExtensionConfigurationException(where + " cannot be set (" + e + "). Make it accessible "
                        + "to JUnit, as for any field JUnit injects.", e);
            }
        }
    }

    /** The database of {@code context} for the template {@code annotation} asks for; made on first use. */
    private static DatabaseResource database(ExtensionContext context, TempDatabase annotation, Class<?> testClass,
                                             String where) {
        Template template = template(context, annotation, testClass, where);
        // Per-context key: a parent's store is searched too, so a class-wide database must never
        // answer for a test's. No race: one context's injections all happen on its own thread.
        Store store = context.getStore(NAMESPACE);
        DatabaseKey key = new DatabaseKey(context.getUniqueId(), template.name());
        DatabaseResource resource = ClosedByJUnit.get(store, key, DatabaseResource.class);
        if (resource == null) {
            AdapterSettings settings = settings(context);
            resource = new DatabaseResource(context, cluster(settings).temporaryClone(template),
                    settings.keepOnFailure());
            ClosedByJUnit.put(store, key, resource);
        }
        return resource;
    }

    /**
     * The template {@code annotation} on an element of {@code testClass} asks for, resolved once per
     * run and kept in the root context's store: resolving one named by its migrations hashes every
     * migration file. A race only resolves it twice.
     */
    private static Template template(ExtensionContext context, TempDatabase annotation, Class<?> testClass,
                                     String where) {
        Store root = context.getRoot().getStore(NAMESPACE);
        TemplateKey key = new TemplateKey(annotation, testClass);
        Template template = root.get(key, Template.class);
        if (template == null) {
            try {
                template = TemplateResolution.resolve(annotation, testClass, where);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e.getCause());
            }
            root.put(key, template);
        }
        return template;
    }

    /** Read once per run and kept in the root context's store; a race only reads them twice. */
    static AdapterSettings settings(ExtensionContext context) {
        Store root = context.getRoot().getStore(NAMESPACE);
        AdapterSettings settings = root.get(AdapterSettings.class, AdapterSettings.class);
        if (settings == null) {
            try {
                settings = JUnitSettings.read(context::getConfigurationParameter);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e);
            }
            root.put(AdapterSettings.class, settings);
        }
        return settings;
    }

    private static SharedCluster cluster(AdapterSettings settings) {
        return settings.clusterOrSkip("aborted", TestAbortedException::new);
    }

    private static String describe(ParameterContext parameterContext) {
        Executable executable = parameterContext.getDeclaringExecutable();
        String name = executable instanceof Constructor ? "<init>" : executable.getName();
        String types = Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return "@TempDatabase parameter " + parameterContext.getIndex() + " ("
                + parameterContext.getParameter().getType().getSimpleName() + ") of "
                + executable.getDeclaringClass().getName() + "." + name + "(" + types + ")";
    }

    private record DatabaseKey(String contextId, String template) {
    }

    /** Annotations are equal when their attributes are; the class matters where they name no template. */
    private record TemplateKey(TempDatabase annotation, Class<?> testClass) {
    }
}
