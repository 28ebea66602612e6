package io.github.pgfixture.spring;

import io.github.pgfixture.spring.fixtures.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test that runs fixture classes: starts with nothing seen, ends with nothing left. */
abstract class FixtureRun {

    @BeforeEach
    void forget() {
        Seen.clear();
    }

    @AfterEach
    void nothingLeft() {
        Fixtures.assertNothingLeft();
    }
}
