/**
 * Support for test-framework adapters (the JUnit 5 extension, the TestNG listener): what every
 * adapter needs the same way, so that it keeps only the translation of its framework's lifecycle.
 * Stable across minor versions, but not meant for tests themselves: use {@link io.github.pgfixture}
 * or an adapter's annotation instead.
 */
package io.github.pgfixture.support;
