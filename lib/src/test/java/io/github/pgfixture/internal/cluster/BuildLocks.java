package io.github.pgfixture.internal.cluster;

import java.sql.Connection;
import java.sql.SQLException;

/** For tests outside this package: takes a template's build lock as another JVM's build would. */
public final class BuildLocks {

    private BuildLocks() {
    }

    /** Holds the build lock of {@code template} on {@code c}'s session until it closes. */
    public static void lock(Connection c, String template) throws SQLException {
        AdvisoryLocks.lockBuild(c, template);
    }
}
