package io.github.pgfixture;

import javax.sql.DataSource;

/**
 * Migrates a template database: creates its schema and loads its reference data.
 *
 * <p>Runs at most once per template, see {@link SharedCluster#ensureTemplateExists}. The data source
 * connects to the template being built; the library closes it after {@code setUp} returns, so the
 * setup need not (but may) close the connections it opens. Any exception fails the build: the
 * half-built template is dropped and the exception becomes the cause of a {@link PgFixtureException}.
 */
@FunctionalInterface
public interface TemplateSetup {

    /**
     * Migrates the template. The data source is closed by the library afterwards.
     *
     * @param template a data source on the template being built, as the superuser; its connections
     *                 are closed (and any still open terminated, with a WARN) when this returns
     * @throws Exception any failure: the half-built template is dropped, and the exception becomes the
     *                   cause of the {@link PgFixtureException} that the caller of
     *                   {@link SharedCluster#ensureTemplateExists} gets; the next call runs the setup again
     */
    void setUp(DataSource template) throws Exception;
}
