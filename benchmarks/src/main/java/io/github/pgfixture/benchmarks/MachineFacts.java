package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** What the figures were measured on: machine, JVM, PostgreSQL and its data directory. */
final class MachineFacts {

    private MachineFacts() {
    }

    static Map<String, String> collect(SharedCluster cluster) throws SQLException {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        facts.put("CPU", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        facts.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("java.version", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"))) {
            facts.put("PostgreSQL server_version", Sql.scalar(c, "SHOW server_version"));
            String dataDirectory = Sql.scalar(c, "SHOW data_directory");
            facts.put("data_directory", dataDirectory + " (" + fileSystemOf(dataDirectory) + ")");
            facts.put("fsync / synchronous_commit / full_page_writes", Sql.scalar(c,
                    "SELECT current_setting('fsync') || ' / ' || current_setting('synchronous_commit') || ' / ' "
                            + "|| current_setting('full_page_writes')"));
            facts.put("PostgreSQL JDBC driver", c.getMetaData().getDriverVersion());
        }
        facts.put("HikariCP", mavenVersion("com.zaxxer", "HikariCP"));
        facts.put("pgfixture clone strategy", System.getProperty("pgfixture.clone-strategy", "file_copy (default)"));
        return facts;
    }

    /** The first three fields of /proc/loadavg: how busy the machine was (2 cores: above 2 means waiting). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "(unknown)";
        }
    }

    /** The version in a jar's META-INF/maven/.../pom.properties, or "(unknown)". */
    static String mavenVersion(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = MachineFacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "(unknown)");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "(unknown)";
    }

    /** The value of the first {@code key: value} line of a /proc file, or "(unknown)". */
    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not readable
        }
        return "(unknown)";
    }

    /** The file system type of the mount that holds {@code path}, from /proc/mounts (this process's view). */
    private static String fileSystemOf(String path) {
        String best = null;
        String type = "file system unknown";
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/mounts"));
            for (String line : mounts) {
                String[] f = line.split(" ");
                if (f.length < 3) {
                    continue;
                }
                String mountPoint = f[1].replace("\\040", " ");
                boolean contains = mountPoint.equals("/") || path.equals(mountPoint) || path.startsWith(mountPoint + "/");
                if (contains && (best == null || mountPoint.length() >= best.length())) {
                    best = mountPoint;
                    type = f[2] + " mounted at " + mountPoint;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return type;
    }
}
