/**
 * pgfixture's core: a real PostgreSQL database for every test, cloned from a template migrated once.
 *
 * <p>{@link io.github.pgfixture.SharedCluster#get()} is the one entry point: the JVM's cluster, an
 * embedded PostgreSQL booted on first use or a server named by {@code pgfixture.url}. A
 * {@link io.github.pgfixture.Template} says how a schema is migrated (Flyway, Liquibase, a folder of
 * SQL files or any {@link io.github.pgfixture.TemplateSetup}) and is built at most once per migration
 * set, also across threads and JVMs. A {@link io.github.pgfixture.TemporaryDatabase} is a clone of it
 * (or an empty database) for one test, dropped by {@code close()} whatever the test did.
 *
 * <p>Every failure is an unchecked {@link io.github.pgfixture.PgFixtureException} whose message names
 * the database or template, what PostgreSQL or the system said, and the remedy.
 *
 * <p>This package is the whole public API of the {@code pgfixture} artifact. Packages below
 * {@code io.github.pgfixture.internal} are implementation details: they may change in any release
 * and are not documented.
 */
package io.github.pgfixture;
