package io.github.pgfixture.junit5.internal;

import io.github.pgfixture.Template;
import io.github.pgfixture.support.AdapterTemplates;
import io.github.pgfixture.junit5.TempDatabase;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * From a {@link TempDatabase} annotation to the {@link Template} it asks for, shared by the
 * extension and the listener that pre-builds templates. The mapping of attributes is
 * {@link AdapterTemplates}', the same for every adapter.
 */
public final class TemplateResolution {

    /** What an annotation that names no template, with no class-level default, is cloned from. */
    public static final Template EMPTY = AdapterTemplates.EMPTY;

    private TemplateResolution() {
    }

    /**
     * The template for {@code annotation} on an element of {@code testClass}: the one it names, else
     * the class-level default ({@link #classDefault}), else {@link #EMPTY}.
     *
     * @param where names the annotated element, for messages
     * @throws IllegalArgumentException saying what to change, when an annotation names its template
     *                                  in more than one way or in a way that cannot work
     */
    public static Template resolve(TempDatabase annotation, Class<?> testClass, String where) {
        if (namesNone(annotation)) {
            Optional<Class<?>> owner = classDefault(testClass);
            if (owner.isEmpty()) {
                return EMPTY;
            }
            annotation = AnnotationSupport.findAnnotation(owner.get(), TempDatabase.class).orElseThrow();
            where = "@TempDatabase on " + owner.get().getName() + " (the class-level template for " + where + ")";
        }
        try {
            Template template = AdapterTemplates.resolve(annotation.flyway(), annotation.liquibase(), annotation.sql(),
                    annotation.setup(), annotation.version(), where);
            return template == null ? EMPTY : template;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(message.startsWith(where) ? message : where + ": " + message, e);
        }
    }

    /**
     * The class whose {@code @TempDatabase} names the default template for {@code testClass}:
     * {@code testClass} itself (or a superclass, as the annotation is inherited), else, for an inner
     * ({@code @Nested}) class, the nearest enclosing class that names one.
     */
    public static Optional<Class<?>> classDefault(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = enclosingOfInner(type)) {
            Optional<TempDatabase> annotation = AnnotationSupport.findAnnotation(type, TempDatabase.class);
            if (annotation.isPresent() && !namesNone(annotation.get())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static Class<?> enclosingOfInner(Class<?> type) {
        return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
    }

    private static boolean namesNone(TempDatabase annotation) {
        return AdapterTemplates.namesNone(annotation.flyway(), annotation.liquibase(), annotation.sql(),
                annotation.setup());
    }
}
