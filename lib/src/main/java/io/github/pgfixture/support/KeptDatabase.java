package io.github.pgfixture.support;

/**
 * Added to a failed test's exception as a suppressed one, so that reports print the URL of the
 * database kept for inspection right below the failure. Carries no stack trace of its own.
 */
public final class KeptDatabase extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private KeptDatabase(String message) {
        super(message, null, false, false);
    }

    /**
     * The message every adapter logs, and the notice it adds, for a database kept because its test failed
     * while {@value AdapterSettings#KEEP_ON_FAILURE} is on.
     *
     * @param database the database's name
     * @param ofWhat   whose it was, e.g. {@code "failed test com.example.OrderTest.total"}
     * @param url      its JDBC URL, credentials included
     * @return the notice; {@link #getMessage()} is the message
     */
    public static KeptDatabase notice(String database, String ofWhat, String url) {
        return new KeptDatabase("Kept database \"" + database + "\" of " + ofWhat + " for inspection ("
                + AdapterSettings.KEEP_ON_FAILURE + " = true); drop it when done, or the next pgfixture run removes it: "
                + url);
    }
}
