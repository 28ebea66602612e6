package io.github.pgfixture.internal.server;

import io.github.pgfixture.SharedCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Main class of the child JVMs that {@link OrphanCleanupTest} starts: boots {@link SharedCluster#get()}
 * (configured by the system properties it is given), prints {@code READY <postmaster pid> <data directory>},
 * then either returns at once ({@code exit}) or waits until its standard input closes ({@code wait}), so
 * that it also ends if the test JVM dies.
 */
public final class ClusterChild {

    private ClusterChild() {
    }

    public static void main(String[] args) throws Exception {
        SharedCluster cluster = SharedCluster.get();
        String dataDirectory;
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            dataDirectory = rs.getString(1);
        }
        String pid = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim();
        System.out.println("READY " + pid + " " + dataDirectory);
        System.out.flush();
        if (args.length > 0 && args[0].equals("wait")) {
            while (System.in.read() >= 0) {
                // until the parent closes our stdin or goes away
            }
        }
    }
}
