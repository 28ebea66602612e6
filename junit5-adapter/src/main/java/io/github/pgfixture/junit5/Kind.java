package io.github.pgfixture.junit5;

import io.github.pgfixture.support.DatabaseViews;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The check that a {@link TempDatabase} field or parameter has one of the {@link DatabaseViews#TYPES}. */
final class Kind {

    private Kind() {
    }

    /**
     * @return {@code type}
     * @throws ExtensionConfigurationException naming {@code where} and the types it may have instead
     */
    static Class<?> of(Class<?> type, String where) {
        if (DatabaseViews.supports(type)) {
            return type;
        }
        throw new ExtensionConfigurationException(where + " has type " + type.getName() + ", which @TempDatabase "
                + "cannot provide. Declare it as TemporaryDatabase, DataSource, Connection or String (the JDBC URL).");
    }
}
