package io.github.pgfixture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Main class of the child JVMs of {@link WarmClusterTest}: a JVM of a test run against a warm server,
 * configured by system properties ({@code pgfixture.warm-dir}, {@code pgfixture.keep-alive}, ...).
 * {@code <version> <clones> exit|wait}: ensures the template {@code warm}/{@code version}, whose setup
 * prints {@code BUILT}; takes {@code clones} temporary databases of it, printing {@code CLONE <name>}
 * each; prints {@code PID <postmaster>}, {@code CLUSTER <folder>} from the descriptor it attached
 * through, {@code TEMPLATES <names>}, then {@code DONE}; and exits (closing everything) or waits to
 * be killed.
 */
public final class WarmChild {

    private WarmChild() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        String version = args[0];
        int clones = Integer.parseInt(args[1]);
        System.out.println("MAIN_MS " + (System.currentTimeMillis() - jvmStart));
        SharedCluster cluster = SharedCluster.get();
        System.out.println("GET_MS " + (System.currentTimeMillis() - jvmStart));
        Template template = Template.of("warm", version, ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE built (version text)");
            }
            System.out.println("BUILT " + version);
        });
        List<TemporaryDatabase> open = new ArrayList<>();
        for (int i = 0; i < clones; i++) {
            TemporaryDatabase db = cluster.temporaryDatabase(template);
            if (i == 0) {
                System.out.println("FIRST_CLONE_MS " + (System.currentTimeMillis() - jvmStart));
            }
            open.add(db);
            System.out.println("CLONE " + db.name());
        }
        cluster.awaitDrops(java.time.Duration.ofSeconds(60)); // the start's cleanup runs in the background
        Properties descriptor = descriptor(Path.of(System.getProperty("pgfixture.warm-dir")));
        System.out.println("PID " + descriptor.getProperty("pid"));
        System.out.println("CLUSTER " + descriptor.getProperty("cluster"));
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(datname, ' ' ORDER BY datname) FROM pg_database "
                     + "WHERE datname LIKE 'pgfixture\\_tpl\\_%'")) {
            rs.next();
            System.out.println("TEMPLATES " + rs.getString(1));
        }
        System.out.println("DONE");
        System.out.flush();
        if (args[2].equals("wait")) {
            InputStream in = System.in;
            while (in.read() >= 0) {
                // until killed
            }
        }
        open.forEach(TemporaryDatabase::close);
    }

    private static Properties descriptor(Path warmDir) throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(warmDir, "server-*")) {
            for (Path folder : folders) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(folder.resolve("server.properties"))) {
                    p.load(in);
                }
                return p;
            }
        }
        throw new IOException("no warm server folder in " + warmDir);
    }
}
