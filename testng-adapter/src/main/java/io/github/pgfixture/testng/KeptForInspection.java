package io.github.pgfixture.testng;

/**
 * Added to a failed test's exception as a suppressed one, so that reports print the URL of the database
 * kept for inspection right below the failure. Carries no stack trace of its own.
 */
final class KeptForInspection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KeptForInspection(String message) {
        super(message, null, false, false);
    }
}
