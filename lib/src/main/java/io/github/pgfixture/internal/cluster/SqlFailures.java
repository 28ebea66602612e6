package io.github.pgfixture.internal.cluster;

import io.github.pgfixture.DatabaseExistsException;
import io.github.pgfixture.DatabaseInUseException;
import io.github.pgfixture.DatabaseNotFoundException;
import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.TemplateInUseException;
import io.github.pgfixture.TemplateNotFoundException;
import io.github.pgfixture.internal.server.ServerGoneException;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Turns a PostgreSQL error from database DDL into a {@link PgFixtureException} whose message says
 * what was attempted on which database, what PostgreSQL said (with SQLSTATE), and the remedy; the
 * refusals that mirror PostgreSQL's (42P04, 3D000, 55006) become the subclass of their kind.
 */
final class SqlFailures {

    static final String DUPLICATE_DATABASE = "42P04";
    static final String UNDEFINED_DATABASE = "3D000";
    static final String OBJECT_IN_USE = "55006";
    static final String TOO_MANY_CONNECTIONS = "53300";
    static final String DISK_FULL = "53100";

    private SqlFailures() {
    }

    /**
     * @param action   what was attempted, e.g. {@code create database "a" from template "t"}
     * @param database the database the statement named
     * @param template the template, or null
     */
    static PgFixtureException translate(SQLException e, String action, String database, String template, String server) {
        return translate(e, action, database, template, server, null);
    }

    /**
     * As above, with {@code facts} (null: none known) about the limit a 53300 or 53100 ran into, such as
     * the connection counts or the data directory's free space; see {@link ResourceFacts}.
     */
    static PgFixtureException translate(SQLException e, String action, String database, String template,
                                               String server, String facts) {
        PgFixtureException gone = serverGone(e);
        if (gone != null) {
            return gone;
        }
        if (isInterrupt(e)) { // HikariCP's SQLException, not PostgreSQL's: nothing reached the server
            return new PgFixtureException("Cannot " + action + " on " + server + ": the calling thread was interrupted "
                    + "(its interrupt flag was set, e.g. by a test timeout, Future.cancel(true) or "
                    + "ExecutorService.shutdownNow) while it waited for a connection, so nothing was sent to "
                    + "PostgreSQL. Let the interrupt end the work, or clear the flag (Thread.interrupted()) first.", e);
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String said = "PostgreSQL said: " + firstLine(e.getMessage()) + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
        String remedy = switch (state) {
            case TOO_MANY_CONNECTIONS -> tooManyConnections(facts, null);
            case DISK_FULL -> diskFull(facts);
            default -> remedy(state, e.getMessage(), database, template, server);
        };
        return typed("Cannot " + action + " on " + server + ". " + said + ". " + remedy, state, e.getMessage(),
                database, template, e);
    }

    /**
     * The exception of the refusal's kind: 42P04, 3D000 and 55006 are about the template when
     * PostgreSQL's message quotes it, else about the database.
     */
    private static PgFixtureException typed(String message, String state, String said, String database,
                                            String template, SQLException e) {
        boolean aboutTemplate = template != null && String.valueOf(said).contains('"' + template + '"');
        return switch (state) {
            case DUPLICATE_DATABASE -> new DatabaseExistsException(message, database, e);
            case UNDEFINED_DATABASE -> aboutTemplate ? new TemplateNotFoundException(message, template, e)
                    : new DatabaseNotFoundException(message, database, e);
            case OBJECT_IN_USE -> aboutTemplate ? new TemplateInUseException(message, template, e)
                    : new DatabaseInUseException(message, database, e);
            default -> new PgFixtureException(message, e);
        };
    }

    private static String remedy(String state, String message, String database, String template, String server) {
        String text = message == null ? "" : message;
        String quotedTemplate = template == null ? null : '"' + template + '"';
        switch (state) {
            case DUPLICATE_DATABASE:
                return "A database \"" + database + "\" already exists. Give every test a unique name (add a counter "
                        + "or random suffix), or remove the leftover with SharedCluster.forceDropDatabase(\"" + database + "\").";
            case UNDEFINED_DATABASE:
                if (quotedTemplate != null && text.contains(quotedTemplate)) {
                    return "The template " + quotedTemplate + " does not exist. Build it first with "
                            + "SharedCluster.ensureTemplateExists, or check its name.";
                }
                return "There is no database \"" + database + "\": it was never created here, or it was already dropped.";
            case OBJECT_IN_USE:
                if (quotedTemplate != null && text.contains(quotedTemplate)) {
                    return "Sessions are connected to the template " + quotedTemplate + ", and PostgreSQL copies a "
                            + "template only while nobody is connected to it. Close every connection to it (data "
                            + "sources, psql), or build it with ensureTemplateExists, which closes its connections "
                            + "and then refuses new ones.";
                }
                return "Other sessions are connected to \"" + database + "\". Close them first, or use "
                        + "forceDropDatabase / TemporaryDatabase.forceDrop, which terminates them.";
            case "42501":
                return "The user pgfixture connects as lacks the privilege. With an external server, give the user in "
                        + "pgfixture.url the CREATEDB attribute (ALTER ROLE ... CREATEDB) and ownership of the databases "
                        + "it drops.";
            case "42809":
                return "\"" + database + "\" is marked as a template (IS_TEMPLATE true). Use forceDropDatabase, which "
                        + "unmarks it first, or ALTER DATABASE \"" + database + "\" IS_TEMPLATE false.";
            default:
                if (state.startsWith("08")) {
                    return "The server is not reachable. If it is external, check pgfixture.url and that the server "
                            + "is running; if it is embedded, see the server.log in its data folder.";
                }
                return "See PostgreSQL's message above.";
        }
    }

    /**
     * A connection pool on {@code database} (at {@code maskedUrl}) could not open its first connection:
     * the message for the cause found in {@code e}'s chain.
     *
     * @param perDatabase {@code pgfixture.connections-per-database}
     * @param counts      the connections in use, read only when the server has no slot left
     */
    static PgFixtureException connectFailure(RuntimeException e, String database, String maskedUrl,
                                                    int perDatabase, Supplier<String> counts) {
        String cannot = "Cannot connect to database \"" + database + "\" at " + maskedUrl;
        PgFixtureException gone = serverGone(e);
        if (gone != null) {
            return gone;
        }
        if (isInterrupt(e)) {
            return new PgFixtureException(cannot + ": the calling thread was interrupted (its interrupt flag was set) "
                    + "while it connected. Let the interrupt end the work, or clear the flag first.", e);
        }
        SQLException sql = null;
        for (Throwable t = e; t != null && sql == null; t = t.getCause() == t ? null : t.getCause()) {
            sql = t instanceof SQLException found ? found : null;
        }
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        if (state.equals(TOO_MANY_CONNECTIONS)) {
            return new PgFixtureException(cannot + ". PostgreSQL said: " + firstLine(sql.getMessage()) + " (SQLSTATE "
                    + state + "). " + tooManyConnections(counts.get(), perDatabase), e);
        }
        if (state.equals(UNDEFINED_DATABASE)) {
            return new DatabaseNotFoundException(cannot + ": it does not exist (SQLSTATE " + state + "), so it was "
                    + "dropped behind this object's back. Create a new TemporaryDatabase.", database, e);
        }
        return new PgFixtureException(cannot + ": " + e.getMessage() + (state.isEmpty() ? "" : " (SQLSTATE " + state
                + ")") + ". Check the server's log.", e);
    }

    /**
     * SQLSTATE 53300: what happened and the remedies.
     *
     * @param facts       the counts, or null
     * @param perDatabase {@code pgfixture.connections-per-database} as configured, or null if not known here
     */
    static String tooManyConnections(String facts, Integer perDatabase) {
        return "The server has no connection slot left: all of its max_connections are taken. "
                + (facts == null ? "" : facts + " ")
                + "Close the connections and data sources you no longer need (every open TemporaryDatabase holds "
                + "up to pgfixture.connections-per-database connections until it is closed), lower "
                + "pgfixture.connections-per-database" + (perDatabase == null ? "" : " (" + perDatabase + " here)")
                + ", or raise pgfixture.max-connections (the embedded server's max_connections; an external "
                + "server's is its own setting).";
    }

    /** SQLSTATE 53100: what happened and the remedies; {@code facts}: the data directory and its free space, or null. */
    static String diskFull(String facts) {
        return "The server's disk is full. " + (facts == null ? "" : facts + " ")
                + "Point pgfixture.data-dir at a folder on a larger file system, enlarge /dev/shm (the default "
                + "place: docker run --shm-size=2g, or mount -o remount,size=2G /dev/shm), or keep fewer databases "
                + "at once: close TemporaryDatabases, keep fewer for inspection (pgfixture.keep-on-failure), lower "
                + "pgfixture.ready-clones, and drop templates of old migrations (pgfixture.keep-templates).";
    }

    /** An interrupt of the calling thread, reported by the connection pool or the driver as an SQLException. */
    static boolean isInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof InterruptedException || message.contains("Interrupted during connection acquisition")
                    || message.contains("Interrupted while attempting to connect")) {
                return true;
            }
        }
        return false;
    }

    /** The server's death notice as the failure, when that is the cause: there is no PostgreSQL to quote. */
    private static PgFixtureException serverGone(Throwable e) {
        ServerGoneException gone = ServerGoneException.in(e);
        return gone == null ? null : new PgFixtureException(gone.getMessage(), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
