/**
 * Support for test-framework adapters (the JUnit 5 extension, the TestNG listener): what every
 * adapter needs the same way, so that it keeps only the translation of its framework's lifecycle.
 * Stable across minor versions, but not meant for tests themselves: use {@link io.github.pgfixture}
 * or an adapter's annotation instead.
 */
// TODO(issue 12, point 2): the 21 public types under io.github.pgfixture.internal each have a user outside their
// package (mostly SharedCluster and TemporaryDatabase), so making them package-private means moving those
// users first; the API <-> internal.template cycle (TemplateBuilder and friends use Template/TemplateSetup) remains.
package io.github.pgfixture.support;
