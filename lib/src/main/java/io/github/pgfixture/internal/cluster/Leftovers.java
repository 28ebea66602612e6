package io.github.pgfixture.internal.cluster;

import io.github.pgfixture.internal.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes what earlier runs left on a server, touching only databases whose names say pgfixture made
 * them: clones of runs whose lease is gone ({@code pgfixture_db_<run>_<n>}), half-built templates
 * nobody is building ({@code pgfixture_tpl_*} not yet marked), and optionally outdated templates.
 */
public final class Leftovers {

    static final String TEMPLATE_PREFIX = "pgfixture_tpl_";
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final Server server;
    private final Admin admin;

    public Leftovers(Server server, Admin admin) {
        this.server = server;
        this.admin = admin;
    }

    /** Drops clones of dead runs and half-built templates; returns how many databases were dropped. */
    public int clean(String ownRunId) {
        int dropped = 0;
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.maintenanceDatabase()))) {
            Map<String, List<String>> clonesByRun = new LinkedHashMap<>();
            List<String> unfinishedTemplates = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT datname, datistemplate AND NOT datallowconn FROM pg_database "
                            + "WHERE datname LIKE 'pgfixture\\_%' ORDER BY datname")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String run = Lease.runIdOf(name);
                    if (run != null && !run.equals(ownRunId)) {
                        clonesByRun.computeIfAbsent(run, r -> new ArrayList<>()).add(name);
                    } else if (name.startsWith(TEMPLATE_PREFIX) && !rs.getBoolean(2)) {
                        unfinishedTemplates.add(name);
                    }
                }
            }
            for (Map.Entry<String, List<String>> run : clonesByRun.entrySet()) {
                if (AdvisoryLocks.tryLockLease(c, run.getKey())) {
                    try {
                        for (String name : run.getValue()) {
                            admin.forceDropIfExists(name);
                            dropped++;
                        }
                        LOG.info("Dropped {} database(s) left by run {}, whose JVM is gone", run.getValue().size(), run.getKey());
                    } finally {
                        AdvisoryLocks.unlockLease(c, run.getKey());
                    }
                }
            }
            for (String template : unfinishedTemplates) {
                if (AdvisoryLocks.tryLockBuild(c, template)) {
                    try {
                        // Listed while its build ran, finished since (a JVM starting beside another's build,
                        // as forks sharing a warm server do): it is no leftover any more.
                        if (!stillUnfinished(c, template)) {
                            continue;
                        }
                        admin.forceDropIfExists(template);
                        dropped++;
                        LOG.info("Dropped the half-built template \"{}\" (its build was interrupted)", template);
                    } finally {
                        AdvisoryLocks.unlockBuild(c, template);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not clean up leftovers of earlier runs on {}: {}", server.describe(), e.toString());
        }
        return dropped;
    }

    /** True while {@code template} exists and is not marked finished; call under its build lock. */
    private static boolean stillUnfinished(Connection c, String template) throws SQLException {
        try (var ps = c.prepareStatement("SELECT datistemplate AND NOT datallowconn FROM pg_database WHERE datname = ?")) {
            ps.setString(1, template);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getBoolean(1);
            }
        }
    }

    /**
     * Drops finished templates of the {@code label} (other than {@code keep}) beyond the
     * {@code keepNewest} most recently built ones; returns the names dropped. A template being built
     * (here or by another process: its build lock is held) is not finished, so it is neither counted
     * nor dropped; nor is one whose build lock is taken while this runs.
     */
    public List<String> dropOutdatedTemplates(String label, String keep, int keepNewest) {
        String prefix = TEMPLATE_PREFIX + label + "_";
        List<String> dropped = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.maintenanceDatabase()))) {
            List<String> candidates = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?) "
                    + "AND length(datname) = ? AND datname <> ? AND datistemplate AND NOT datallowconn ORDER BY oid DESC")) {
                ps.setString(1, prefix);
                ps.setInt(2, prefix.length() + 12);
                ps.setString(3, keep == null ? "" : keep);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getString(1));
                    }
                }
            }
            for (String name : candidates.subList(Math.min(keepNewest, candidates.size()), candidates.size())) {
                // Under its build lock, so that no build or rebuild of that name runs while it goes.
                if (!AdvisoryLocks.tryLockBuild(c, name)) {
                    LOG.info("Outdated template \"{}\" is being built right now; left in place", name);
                    continue;
                }
                try {
                    admin.forceDropIfExists(name);
                    dropped.add(name);
                } finally {
                    AdvisoryLocks.unlockBuild(c, name);
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "drop outdated templates labelled " + label, prefix + "*", null, server.describe());
        }
        if (!dropped.isEmpty()) {
            LOG.info("Dropped {} outdated template(s) labelled {}: {}", dropped.size(), label, dropped);
        }
        return dropped;
    }

    /** The labels of every pgfixture template on the server. */
    public List<String> templateLabels() {
        List<String> labels = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.maintenanceDatabase()));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                     "SELECT DISTINCT substr(datname, " + (TEMPLATE_PREFIX.length() + 1) + ", length(datname) - "
                             + (TEMPLATE_PREFIX.length() + 13) + ") FROM pg_database WHERE datname LIKE 'pgfixture\\_tpl\\_%'")) {
            while (rs.next()) {
                labels.add(rs.getString(1));
            }
        } catch (SQLException e) {
            LOG.warn("Could not list templates on {}: {}", server.describe(), e.toString());
        }
        return labels;
    }

}
