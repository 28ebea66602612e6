package io.github.pgfixture.internal.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.server.Server;
import io.github.pgfixture.internal.template.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Builds templates exactly once: per template a {@link ReentrantLock} inside this JVM (different
 * templates build in parallel), and a PostgreSQL advisory lock across processes, held on a dedicated
 * connection that also runs the build's DDL (so builds never wait for the shared admin pool).
 *
 * <p>A template counts as built only when it is marked {@code IS_TEMPLATE true} and
 * {@code ALLOW_CONNECTIONS false}, which happens last, after the setup succeeded and its connections
 * are closed. An unmarked database of that name is a half-built leftover: it is dropped and rebuilt.
 */
public final class TemplateBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateBuilder.class);
    /** Marks the setup pool's connections in pg_stat_activity, to tell them from connections the setup leaked. */
    private static final String SETUP_APPLICATION_NAME = "pgfixture-template-setup";

    private final Server server;
    private final Supplier<String> connectionUse;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Set<String> built = ConcurrentHashMap.newKeySet();

    /** For tests: no connection figures in a message about SQLSTATE 53300. */
    public TemplateBuilder(Server server) {
        this(server, () -> null);
    }

    /** @param connectionUse the connections in use on the server, for a message when none is left (53300) */
    public TemplateBuilder(Server server, Supplier<String> connectionUse) {
        this.server = server;
        this.connectionUse = connectionUse;
    }

    /** Runs {@code setup} unless {@code template} is built already; see SharedCluster#ensureTemplateExists. */
    public void ensureExists(String template, Migration setup) {
        Identifiers.checkName(template, "template");
        Identifiers.checkNotSystem(template, "template", server.maintenanceDatabase());
        if (setup == null) {
            throw new PgFixtureException("The setup for template \"" + template + "\" is null. Pass the code that migrates it.");
        }
        String gone = server.goneNotice();
        if (gone != null) {
            throw new PgFixtureException(gone);
        }
        if (built.contains(template)) {
            return;
        }
        ReentrantLock lock = locks.computeIfAbsent(template, name -> new ReentrantLock());
        lock.lock();
        try {
            if (built.contains(template)) {
                return;
            }
            buildHoldingJvmLock(template, setup);
            built.add(template);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets that {@code template} was built, e.g. after it was dropped; the next ensure checks the server. */
    public void forget(String template) {
        built.remove(template);
    }

    private void buildHoldingJvmLock(String template, Migration setup) {
        String action = "build template \"" + template + "\"";
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(server.maintenanceDatabase()) + separator()
                + "ApplicationName=pgfixture-template-build")) {
            AdvisoryLocks.lockBuild(admin, template);
            try {
                String state = state(admin, template);
                if (state.equals("built")) {
                    LOG.info("Template \"{}\" exists already on {}{}: setup skipped", template, server.describe(),
                            comment(admin, template));
                    return;
                }
                if (state.equals("half-built")) {
                    LOG.warn("Database \"{}\" exists but is not marked as a finished template (a run was killed during "
                            + "its setup, or it was made by hand): dropping and rebuilding it", template);
                    dropHalfBuilt(admin, template, action);
                }
                build(admin, template, setup, action);
            } finally {
                AdvisoryLocks.unlockBuild(admin, template);
            }
        } catch (SQLException e) { // no connection to read figures over: a 53300 asks the admin pool
            throw SqlFailures.translate(e, action, template, null, server.describe(),
                    SqlFailures.TOO_MANY_CONNECTIONS.equals(e.getSQLState()) ? connectionUse.get() : null);
        }
    }

    private void build(Connection admin, String template, Migration setup, String action) throws SQLException {
        long start = System.nanoTime();
        String quoted = Identifiers.quote(template);
        execute(admin, "CREATE DATABASE " + quoted, action, template);
        try {
            runSetup(template, setup);
            leaveRelationCacheInitFile(template);
            // Completion marker, last: refuse connections, end any the setup leaked, then mark.
            execute(admin, "ALTER DATABASE " + quoted + " ALLOW_CONNECTIONS false", action, template);
            terminateLeakedSessions(admin, template);
            long millis = (System.nanoTime() - start) / 1_000_000;
            execute(admin, "COMMENT ON DATABASE " + quoted + " IS 'pgfixture template, built " + Instant.now()
                    + " in " + millis + " ms'", action, template);
            execute(admin, "ALTER DATABASE " + quoted + " IS_TEMPLATE true", action, template);
            LOG.info("Built template \"{}\" in {} ms on {}", template, millis, server.describe());
        } catch (RuntimeException | SQLException | Error e) {
            try {
                dropHalfBuilt(admin, template, action);
            } catch (RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    /**
     * Drops a database that is not a finished template, whoever is connected. It may carry
     * IS_TEMPLATE true (a setup can set it, or a build was killed after marking it), and PostgreSQL
     * drops no template, so that mark goes first.
     */
    private void dropHalfBuilt(Connection admin, String template, String action) {
        String quoted = Identifiers.quote(template);
        execute(admin, "ALTER DATABASE " + quoted + " IS_TEMPLATE false", action, template);
        execute(admin, "DROP DATABASE " + quoted + " WITH (FORCE)", action, template);
    }

    private void runSetup(String template, Migration setup) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(template));
        config.setPoolName("pgfixture-template-" + template);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        Admin.loginInOneRoundTrip(config, SETUP_APPLICATION_NAME);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            setup.migrate(dataSource);
        } catch (Exception e) {
            throw new PgFixtureException("Template \"" + template + "\" could not be built: its setup failed: "
                    + describe(e) + ". The half-built database was dropped; the next call runs the setup again."
                    + hint(e), e);
        }
    }

    /**
     * Opens one connection to the template after its setup, and closes it, so that the template has a
     * relation-cache init file ({@code pg_internal.init} in its directory) when it is marked.
     *
     * <p>A backend that finds no such file in its database's directory builds its relation cache from the
     * catalogs and writes one; later backends read it. {@code CREATE DATABASE ... STRATEGY FILE_COPY}
     * copies the file with the rest of the template's directory (PostgreSQL reads a copied one: it
     * recomputes the physical addresses in it for that case), so a clone's first connection reads it
     * instead of building the cache: 6–7 ms less at p50 per clone on the 50-table template (ADR 16). The
     * setup's own connections usually leave one, but a setup whose last statements change the catalogs'
     * own entries ({@code ANALYZE}, {@code VACUUM}, autovacuum on the catalogs) removes it, and nobody
     * connects to a marked template again. Best effort: a failure here is logged and the build goes on,
     * since the template is complete without the file. The connection carries the setup's application
     * name, so that {@link #terminateLeakedSessions} waits for it like the setup's own.
     */
    private void leaveRelationCacheInitFile(String template) {
        String url = server.jdbcUrl(template);
        try {
            // The backend writes the file while it starts, before the connection is handed back.
            DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + SETUP_APPLICATION_NAME)
                    .close();
        } catch (SQLException e) {
            LOG.debug("Template \"{}\": the connection after its setup failed ({}); its clones' first connections "
                    + "may build their relation cache", template, e.getMessage());
        }
    }

    /**
     * Terminates every session still on the template, with a WARN for each the setup opened outside
     * its DataSource. The DataSource's own sessions, closed a moment ago, are first given time to
     * exit (see {@link Sessions}); one that outlasts it is ended without a WARN.
     */
    private void terminateLeakedSessions(Connection admin, String template) throws SQLException {
        if (Sessions.awaitOwnGone(admin, template, SETUP_APPLICATION_NAME).none()) {
            return;
        }
        try (PreparedStatement ps = admin.prepareStatement("SELECT pid, application_name, pg_terminate_backend(pid) "
                + "FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, template);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (SETUP_APPLICATION_NAME.equals(rs.getString(2))) {
                        LOG.debug("A session of the setup's DataSource on template \"{}\" had not exited yet (pid {}); "
                                + "terminated it", template, rs.getInt(1));
                        continue;
                    }
                    LOG.warn("The setup of template \"{}\" left a connection open (pid {}, application_name '{}'); "
                            + "terminated it. Connect through the DataSource the setup is given.", template,
                            rs.getInt(1), rs.getString(2));
                }
            }
        }
    }

    /** "absent", "half-built" or "built". */
    private static String state(Connection admin, String template) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT datistemplate AND NOT datallowconn FROM pg_database WHERE datname = ?")) {
            ps.setString(1, template);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() ? "absent" : rs.getBoolean(1) ? "built" : "half-built";
            }
        }
    }

    private static String comment(Connection admin, String template) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, template);
            try (ResultSet rs = ps.executeQuery()) {
                String comment = rs.next() ? rs.getString(1) : null;
                return comment == null ? "" : " (" + comment + ")";
            }
        }
    }

    private void execute(Connection admin, String sql, String action, String template) {
        try (Statement s = admin.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, action, template, null, server.describe(), ResourceFacts.of(e, admin, server));
        }
    }

    private String separator() {
        return server.jdbcUrl(server.maintenanceDatabase()).contains("?") ? "&" : "?";
    }

    /**
     * The distinct messages along the cause chain, outermost first, each cut to {@value #MAX_MESSAGE}
     * characters: Liquibase quotes the whole failed SQL (a schema dump can be megabytes) after
     * PostgreSQL's error, which comes first. The full text stays in the cause.
     */
    static String describe(Throwable e) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage().trim();
            if (messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(" <- caused by: ", messages.stream().map(TemplateBuilder::cut).toList());
    }

    static final int MAX_MESSAGE = 1000;

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + " [... "
                + (message.length() - MAX_MESSAGE) + " more characters; see the cause]";
    }

    private static String hint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "53100".equals(sql.getSQLState())) {
                return " " + SqlFailures.diskFull(null);
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("extension") && (m.contains("is not available") || m.contains("could not open extension control file"))) {
                return " The PostgreSQL binaries in use do not bundle that extension: zonky's embedded binaries carry "
                        + "only PostgreSQL's own contrib modules. Point pgfixture at a server that has it "
                        + "(pgfixture.url / PGFIXTURE_URL), or remove it from the migrations.";
            }
        }
        return "";
    }
}
