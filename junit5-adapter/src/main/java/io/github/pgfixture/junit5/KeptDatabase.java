package io.github.pgfixture.junit5;

/**
 * Added to a failed test's exception as a suppressed one, so that the URL of the database kept for
 * inspection is printed right below the failure. Carries no stack trace of its own.
 */
final class KeptDatabase extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KeptDatabase(String message) {
        super(message, null, false, false);
    }
}
