package io.github.pgfixture.internal.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Chooses how an embedded PostgreSQL 18+ copies files for {@code CREATE DATABASE ... STRATEGY FILE_COPY}.
 *
 * <p>{@code file_copy_method = clone} asks the file system to clone each file: a reflink on XFS and
 * btrfs and an in-kernel copy elsewhere on Linux ({@code copy_file_range}), a copy-on-write clone
 * on APFS ({@code copyfile}). Whether it works is found out by trying it once, on a probe database
 * copied from {@code template0}; only then is it made the server's setting (ALTER SYSTEM, in this
 * cluster's own data directory). When the probe fails, clones keep PostgreSQL's plain copy. A user
 * who names {@code file_copy_method} in {@code pgfixture.server-config} gets that and no probe.
 * Measured in docs/benchmarks.md ("Copy against clone").
 */
final class CloneMethod {

    private static final Logger LOG = LoggerFactory.getLogger(CloneMethod.class);
    private static final String PROBE = "pgfixture_clone_probe";
    private static final String SETTING = "file_copy_method";

    private CloneMethod() {
    }

    /**
     * Tries clones on this server and keeps them when they work.
     *
     * @param serverVersionNum the server's {@code server_version_num}
     *
     * @return a short phrase for the boot line, e.g. {@code "clones by file_copy_method=clone on xfs"}
     */
    static String choose(Connection c, int serverVersionNum, Path data, Map<String, String> serverConfig) {
        String fileSystem = fileSystem(data);
        if (serverConfig.containsKey(SETTING)) {
            return SETTING + "=" + serverConfig.get(SETTING) + " as configured, on " + fileSystem;
        }
        try (Statement s = c.createStatement()) {
            if (serverVersionNum < 180000) {
                return "clones by copying files on " + fileSystem + " (" + SETTING + " needs PostgreSQL 18)";
            }
            try {
                s.execute("SET " + SETTING + " = clone");
                s.execute("CREATE DATABASE " + PROBE + " TEMPLATE template0 STRATEGY FILE_COPY");
            } catch (SQLException e) {
                LOG.info("Clones copy files: the file system of {} ({}) cannot clone them ({})", data, fileSystem,
                        e.getMessage());
                return "clones by copying files on " + fileSystem + " (cloning failed)";
            } finally {
                s.execute("DROP DATABASE IF EXISTS " + PROBE);
            }
            s.execute("ALTER SYSTEM SET " + SETTING + " = clone");
            s.execute("SELECT pg_reload_conf()");
            s.execute("RESET " + SETTING);
            awaitReload(s);
            return "clones by " + SETTING + "=clone on " + fileSystem;
        } catch (SQLException e) {
            LOG.debug("Kept {} = copy: {}", SETTING, e.toString());
            return "clones by copying files on " + fileSystem;
        }
    }

    /**
     * The postmaster re-reads its configuration before it signals its children, so once this
     * session sees the new value, every session started after it does too.
     */
    private static void awaitReload(Statement s) throws SQLException {
        for (int i = 0; i < 200; i++) {
            try (ResultSet rs = s.executeQuery("SELECT current_setting('" + SETTING + "')")) {
                rs.next();
                if ("clone".equals(rs.getString(1))) {
                    return;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.debug("The server had not applied {} = clone after 1 s; new sessions will", SETTING);
    }

    private static String fileSystem(Path data) {
        try {
            return Files.getFileStore(data).type();
        } catch (IOException e) {
            return "an unknown file system";
        }
    }
}
