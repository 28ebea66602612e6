package io.github.pgfixture.internal.server;

import java.sql.SQLNonTransientConnectionException;

/**
 * Thrown by a {@link WatchedDataSource} instead of waiting for a connection from a server that is
 * known to be gone. Its message is the server's death notice, complete in itself (what ended,
 * how, the log's last lines, what to do), so translations pass it on unchanged.
 */
public final class ServerGoneException extends SQLNonTransientConnectionException {

    private static final long serialVersionUID = 1L;

    ServerGoneException(String notice) {
        super(notice, "08006");
    }

    /** The first ServerGoneException among {@code t} and its causes, or null. */
    public static ServerGoneException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ServerGoneException gone) {
                return gone;
            }
        }
        return null;
    }
}
