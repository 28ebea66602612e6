/**
 * TestNG support: {@link io.github.pgfixture.testng.PgFixtureListener} gives every test method of the
 * classes that opt in a PostgreSQL database of its own, cloned from a migrated template and dropped
 * when the method ends, through {@link io.github.pgfixture.testng.TempDatabase} fields or data provider
 * arguments.
 *
 * <p>The listener acts only on classes that opted in and keeps per-invocation state on the
 * {@code ITestResult}, never in its own fields, so {@code parallel="methods"} and
 * {@code parallel="classes"} work.
 */
package io.github.pgfixture.testng;
