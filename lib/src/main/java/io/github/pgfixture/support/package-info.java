/**
 * Support for test-framework adapters (the JUnit 5 extension, the TestNG listener): what every
 * adapter needs the same way, so that it keeps only the translation of its framework's lifecycle.
 * Stable across minor versions, but not meant for tests themselves: use {@link io.github.pgfixture}
 * or an adapter's annotation instead.
 */
// TODO(issue 12, point 2): 8 public types are left under io.github.pgfixture.internal outside internal.server
// (cluster: Admin, Lease, Leftovers, TemplateBuilder; config: Settings; template: Migration, Migrations, Resources),
// each public only because a class of the API package (SharedCluster, OpenDatabases, ReadyClones, Template,
// MigrationHash) or of another internal package (Settings: internal.server and this package) uses it. Java
// without modules cannot hide them further; a module-info that exports only io.github.pgfixture and this
// package would, once the adapters, benchmarks and examples run on the module path. internal.server (7 public
// types) is issue 13's. The API <-> internal.template cycle is gone: internal.* imports only PgFixtureException
// and its subclasses from the API.
package io.github.pgfixture.support;
