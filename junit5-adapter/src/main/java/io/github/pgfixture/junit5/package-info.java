/**
 * JUnit Jupiter support: {@link io.github.pgfixture.junit5.TempDatabase} on a field or parameter gives
 * a test a PostgreSQL database of its own, cloned from a migrated template and dropped after the test,
 * in the way JUnit's {@code @TempDir} gives it a folder.
 *
 * <p>The adapter only translates JUnit's lifecycle into calls on {@code io.github.pgfixture}; it keeps
 * no state in extension fields, so parallel execution and {@code @Nested} classes work. Defaults come
 * from JUnit configuration parameters ({@code junit-platform.properties}) and from pgfixture's own
 * settings. Packages below {@code io.github.pgfixture.junit5.internal} are not public API.
 */
package io.github.pgfixture.junit5;
