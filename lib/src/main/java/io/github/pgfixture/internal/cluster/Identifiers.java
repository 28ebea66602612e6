package io.github.pgfixture.internal.cluster;

import io.github.pgfixture.PgFixtureException;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Checks and quotes database names before any SQL is sent. */
final class Identifiers {

    /** PostgreSQL's NAMEDATALEN - 1: longer names would be truncated silently. */
    static final int MAX_BYTES = 63;

    /**
     * The cluster's own databases, made by initdb: never created, built, rebuilt or dropped by
     * pgfixture. Matched exactly: every name reaches SQL quoted, so {@code "Template1"} is a database
     * of its own (PostgreSQL folds only unquoted names to lower case).
     */
    static final Set<String> SYSTEM_DATABASES = Set.of("postgres", "template0", "template1");

    private Identifiers() {
    }

    /**
     * Rejects a name PostgreSQL would not keep as given: null, empty, over 63 bytes in UTF-8 or
     * containing NUL. {@code role} ("database", "template") goes into the message.
     */
    static String checkName(String name, String role) {
        if (name == null) {
            throw new PgFixtureException("The " + role + " name is null. Pass a non-empty name of at most "
                    + MAX_BYTES + " bytes.");
        }
        if (name.isEmpty()) {
            throw new PgFixtureException("The " + role + " name is empty. Pass a non-empty name of at most "
                    + MAX_BYTES + " bytes.");
        }
        if (name.indexOf('\0') >= 0) {
            throw new PgFixtureException("The " + role + " name \"" + name.replace("\0", "\\0")
                    + "\" contains a NUL character, which PostgreSQL cannot store. Remove it.");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new PgFixtureException("The " + role + " name \"" + name + "\" is " + bytes
                    + " bytes long in UTF-8; PostgreSQL keeps at most " + MAX_BYTES
                    + " and would silently truncate it. Use a shorter name (a hash or counter suffix).");
        }
        return name;
    }

    /**
     * Refuses one of {@link #SYSTEM_DATABASES} or the server's {@code maintenance} database as the
     * database a call would create or build ({@code role} "database" or "template"), before any SQL.
     * Such a name exists already, and building a template of that name would drop it first.
     */
    static String checkNotSystem(String name, String role, String maintenance) {
        if (SYSTEM_DATABASES.contains(name) || name.equals(maintenance)) {
            String remedy = role.equals("template")
                    ? "Name the template after what it holds (e.g. \"app_template\"), or use a Template definition "
                    + "(Template.flyway(...), Template.sqlFiles(...)), whose name pgfixture generates."
                    : "Choose another name (e.g. \"orders_test_1\"); to copy \"" + name + "\", pass it as the template.";
            throw new PgFixtureException("\"" + name + "\" is one of the cluster's own databases (postgres, template0, "
                    + "template1, and the maintenance database pgfixture connects to), which exist from the start and "
                    + "which pgfixture never drops or rebuilds; it cannot be a " + role + " of yours. " + remedy);
        }
        return name;
    }

    /** The name as a quoted SQL identifier: wrapped in double quotes, inner quotes doubled. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
