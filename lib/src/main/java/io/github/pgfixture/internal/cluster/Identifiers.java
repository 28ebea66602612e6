package io.github.pgfixture.internal.cluster;

import io.github.pgfixture.PgFixtureException;

import java.nio.charset.StandardCharsets;

/** Checks and quotes database names before any SQL is sent. */
public final class Identifiers {

    /** PostgreSQL's NAMEDATALEN - 1: longer names would be truncated silently. */
    public static final int MAX_BYTES = 63;

    private Identifiers() {
    }

    /**
     * Rejects a name PostgreSQL would not keep as given: null, empty, over 63 bytes in UTF-8 or
     * containing NUL. {@code role} ("database", "template") goes into the message.
     */
    public static String checkName(String name, String role) {
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

    /** The name as a quoted SQL identifier: wrapped in double quotes, inner quotes doubled. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
