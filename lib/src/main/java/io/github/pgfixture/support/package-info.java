/**
 * Support for test-framework adapters (the JUnit 5 extension, the TestNG listener): what every
 * adapter needs the same way, so that it keeps only the translation of its framework's lifecycle.
 * Stable across minor versions, but not meant for tests themselves: use {@link io.github.pgfixture}
 * or an adapter's annotation instead.
 */
// 8 types under io.github.pgfixture.internal outside internal.server stay public, each because a class in
// another package uses it; why there is no module-info to hide them: docs/adr/0012-one-owner-and-typed-errors.md.
package io.github.pgfixture.support;
