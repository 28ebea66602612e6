package io.github.pgfixture.internal.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgfixture.PgFixtureException;
import io.github.pgfixture.internal.server.JdbcUrls;
import io.github.pgfixture.internal.server.Server;
import io.github.pgfixture.internal.server.WatchedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Database DDL on a server, over a small pool connected to its maintenance database (never to a
 * template, which would then refuse to be copied). Every name is checked and quoted here.
 */
public final class Admin implements AutoCloseable {

    /** Sessions on a database when a wait for our own to exit ended: ours that had not exited yet, and the others. */
    public record Remaining(int own, int others) {
        /** @return true when no session at all is left */
        public boolean none() {
            return own == 0 && others == 0;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Admin.class);
    private final Server server;
    private final HikariDataSource pool;
    private final String strategyClause;
    private final int serverVersion;
    private final LongAdder clones = new LongAdder();

    private Admin(Server server, HikariDataSource pool, String strategyClause, int serverVersion) {
        this.server = server;
        this.pool = pool;
        this.strategyClause = strategyClause;
        this.serverVersion = serverVersion;
    }

    /**
     * @param strategy {@code file_copy} (default; 2-2.5x faster than WAL_LOG for test templates with fsync
     *                 off), {@code wal_log}, or {@code default} (the server's own choice)
     */
    public static Admin connect(Server server, String strategy) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(server.maintenanceDatabase()));
        config.setPoolName("pgfixture-admin");
        // the preparing threads (up to 4), the dropping thread and tests cloning on demand or by name
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        loginInOneRoundTrip(config, "pgfixture-admin");
        HikariDataSource pool;
        try {
            pool = new WatchedDataSource(config, server);
        } catch (RuntimeException e) {
            throw new PgFixtureException("Cannot connect to the maintenance database \"" + server.maintenanceDatabase()
                    + "\" of " + server.describe() + ": " + rootMessage(e) + ". Check that the server runs and that the "
                    + "URL's user and password are right.", e);
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            int version = rs.getInt(1);
            return new Admin(server, pool, strategyClause(strategy, version), version);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new PgFixtureException("Cannot query " + server.describe() + ": " + rootMessage(e), e);
        }
    }

    private static String strategyClause(String strategy, int version) {
        String s = strategy == null ? "file_copy" : strategy.trim().toLowerCase(Locale.ROOT);
        if (version < 150000 || s.equals("default")) {
            return "";
        }
        return switch (s) {
            case "file_copy" -> " STRATEGY FILE_COPY";
            case "wal_log" -> " STRATEGY WAL_LOG";
            default -> throw new PgFixtureException("Setting pgfixture.clone-strategy = '" + strategy
                    + "' is not one of file_copy, wal_log, default.");
        };
    }

    /**
     * JDBC URL for {@code database}, credentials included, once the name is checked.
     *
     * @throws PgFixtureException for a name PostgreSQL would not keep as given
     */
    public String jdbcUrl(String database) {
        return server.jdbcUrl(Identifiers.checkName(database, "database"));
    }

    /**
     * A started connection pool on {@code database}: its first connection is open when this returns, no
     * other is refilled in the background.
     *
     * @param url             the database's JDBC URL, credentials included
     * @param maxSize         {@code pgfixture.connections-per-database}
     * @param applicationName marks the pool's sessions in {@code pg_stat_activity}
     * @throws PgFixtureException if the server is gone or the first connection fails (the message says why)
     */
    public HikariDataSource connectionPool(String database, String url, int maxSize, String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("pgfixture-" + database);
        loginInOneRoundTrip(config, applicationName);
        config.setMaximumPoolSize(maxSize);
        // One connection opened now, none refilled in the background: measured fastest to open
        // and to close (a lazily started pool takes ~30 ms longer to shut down).
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(1);
        config.setScheduledExecutor(Housekeeping.EXECUTOR);
        String gone = server.goneNotice();
        if (gone != null) {
            throw new PgFixtureException(gone);
        }
        try {
            return new WatchedDataSource(config, server);
        } catch (RuntimeException e) {
            throw SqlFailures.connectFailure(e, database, JdbcUrls.mask(url), maxSize, this::connectionUse);
        }
    }

    public void createDatabase(String name) {
        checkCreatable(name);
        execute("CREATE DATABASE " + Identifiers.quote(name), "create database \"" + name + "\"", name, null);
    }

    public void createFromTemplate(String name, String template) {
        checkCreatable(name);
        Identifiers.checkName(template, "template");
        execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(template) + strategyClause,
                "create database \"" + name + "\" from template \"" + template + "\"", name, template);
        clones.increment();
    }

    /** Successful {@link #createFromTemplate} calls so far. */
    public long clonesCreated() {
        return clones.sum();
    }

    /** DROP DATABASE: fails, and keeps the database, while any session is connected to it. */
    public void drop(String name) {
        checkDroppable(name);
        execute("DROP DATABASE " + Identifiers.quote(name), "drop database \"" + name + "\"", name, null);
    }

    /** Terminates the sessions connected to {@code name} and drops it; unmarks a template first. */
    public void forceDrop(String name) {
        checkDroppable(name);
        forceDropChecked(name, false);
    }

    /** As {@link #forceDrop}, but a database that does not exist is no error. Returns whether it existed. */
    public boolean forceDropIfExists(String name) {
        checkDroppable(name);
        return forceDropChecked(name, true);
    }

    /** As {@link #drop}, but a database that does not exist is no error. */
    public void dropIfExists(String name) {
        checkDroppable(name);
        execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name), "drop database \"" + name + "\"", name, null);
    }

    private boolean forceDropChecked(String name, boolean ifExists) {
        String quoted = Identifiers.quote(name);
        String action = "force-drop database \"" + name + "\"";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // A template cannot be dropped: unmark it first (no-op when absent, for ifExists).
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT datistemplate FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        if (ifExists) {
                            return false;
                        }
                    } else if (rs.getBoolean(1)) {
                        s.execute("ALTER DATABASE " + quoted + " IS_TEMPLATE false");
                    }
                }
            }
            if (serverVersion >= 130000) {
                s.execute("DROP DATABASE " + (ifExists ? "IF EXISTS " : "") + quoted + " WITH (FORCE)");
            } else {
                s.execute("ALTER DATABASE " + quoted + " ALLOW_CONNECTIONS false");
                terminateSessions(c, name);
                s.execute("DROP DATABASE " + (ifExists ? "IF EXISTS " : "") + quoted);
            }
            return true;
        } catch (SQLException e) {
            throw fail(e, action, name, null);
        }
    }

    private static void terminateSessions(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
    }

    public boolean exists(String name) {
        Identifiers.checkName(name, "database");
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw fail(e, "look up database \"" + name + "\"", name, null);
        }
    }

    /**
     * Waits until our own just-closed sessions on {@code name} (application_name {@code own}) have
     * exited; see {@link Sessions#awaitOwnGone}. A failure to look counts as sessions still there.
     */
    public Remaining awaitOwnSessionsGone(String name, String own) {
        try (Connection c = pool.getConnection()) {
            return Sessions.awaitOwnGone(c, name, own);
        } catch (SQLException e) {
            LOG.debug("Could not list the sessions on \"{}\": {}", name, e.toString());
            return new Remaining(0, 1);
        }
    }

    /** One line per session on {@code name} that is not ours (application_name {@code own}). */
    public List<String> sessionsOn(String name, String own) {
        try (Connection c = pool.getConnection()) {
            return Sessions.others(c, name, own);
        } catch (SQLException e) {
            return List.of("(could not list sessions: " + e.getMessage() + ")");
        }
    }

    private void checkDroppable(String name) {
        Identifiers.checkName(name, "database");
        if (Identifiers.SYSTEM_DATABASES.contains(name) || name.equals(server.maintenanceDatabase())) {
            throw new PgFixtureException("Refusing to drop \"" + name + "\" on " + server.describe() + ": it is a system "
                    + "or maintenance database that pgfixture itself needs. Drop only databases your tests created.");
        }
    }

    private void checkCreatable(String name) {
        Identifiers.checkName(name, "database");
        Identifiers.checkNotSystem(name, "database", server.maintenanceDatabase());
    }

    private void execute(String sql, String action, String database, String template) {
        long start = System.nanoTime();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw fail(e, action, database, template);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} in {} µs", sql, (System.nanoTime() - start) / 1000);
        }
    }

    private PgFixtureException fail(SQLException e, String action, String database, String template) {
        return SqlFailures.translate(e, action, database, template, server.describe(), ResourceFacts.of(e, pool, server));
    }

    /** The connections in use on the server, for a message about SQLSTATE 53300. */
    public String connectionUse() {
        return ResourceFacts.connections(pool);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Sets the pool's {@code application_name} and tells PgJDBC that the server is 9.0 or newer (every
     * server pgfixture can use is): PgJDBC then sends {@code application_name} and
     * {@code extra_float_digits} in the startup packet, instead of two {@code SET} round trips after
     * every login. Measured on 2026-12-08 (2-core VM, load 4–6): a new connection 0.5–2.5 ms faster in
     * wall time and about 0.5 ms cheaper in server CPU (ADR 16).
     */
    static void loginInOneRoundTrip(HikariConfig config, String applicationName) {
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("assumeMinServerVersion", "9.0");
    }

    /**
     * One housekeeping thread for every database's connection pool, instead of one started and joined
     * per pool: a clone's pool lives for one test, and HikariCP's own timer thread costs a thread's
     * start and stop each time (0.6–2.2 ms of JVM CPU per pool by hand; within the noise of the
     * parallel benchmark; ADR 17). HikariCP cancels a pool's task when the pool closes and leaves a
     * given executor running; the thread is a daemon and idles between tasks.
     */
    private static final class Housekeeping {
        static final ScheduledThreadPoolExecutor EXECUTOR = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "pgfixture-pool-housekeeping");
            thread.setDaemon(true);
            return thread;
        });

        static {
            EXECUTOR.setRemoveOnCancelPolicy(true);
        }
    }
}
