package io.github.pgfixture.junit5;

import io.github.pgfixture.TemporaryDatabase;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import javax.sql.DataSource;
import java.sql.Connection;

/** The types a {@link TempDatabase} field or parameter may have. */
enum Kind {
    TEMPORARY_DATABASE(TemporaryDatabase.class),
    DATA_SOURCE(DataSource.class),
    CONNECTION(Connection.class),
    URL(String.class);

    private final Class<?> type;

    Kind(Class<?> type) {
        this.type = type;
    }

    /** @throws ExtensionConfigurationException naming {@code where} and the types it may have instead */
    static Kind of(Class<?> type, String where) {
        for (Kind kind : values()) {
            if (kind.type == type) {
                return kind;
            }
        }
        throw new ExtensionConfigurationException(where + " has type " + type.getName() + ", which @TempDatabase "
                + "cannot provide. Declare it as TemporaryDatabase, DataSource, Connection or String (the JDBC URL).");
    }
}
