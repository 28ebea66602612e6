package io.github.pgfixture;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** 200 databases from 8 threads, each used and closed: every one is dropped, none is left behind. */
class ManyTemporaryDatabasesTest {

    private static final String PREFIX = "many_tmp_";

    @Test
    void twoHundredDatabasesFromEightThreads_leaveNoDatabaseBehind() throws Exception {
        SharedCluster cluster = SharedCluster.get();
        cluster.ensureTemplateExists("many_tmp_template", template -> {
            try (Connection c = template.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE item (id int PRIMARY KEY)");
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<String>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String name = PREFIX + i;
                boolean fromTemplate = i % 2 == 0;
                runs.add(threads.submit(() -> useAndClose(cluster, name, fromTemplate)));
            }
            Set<String> seen = new HashSet<>();
            for (Future<String> run : runs) {
                seen.add(run.get(2, TimeUnit.MINUTES));
            }
            assertThat(seen).hasSize(200);
        } finally {
            threads.shutdownNow();
        }

        assertThat(databasesNamed(cluster, PREFIX + "%")).containsExactly("many_tmp_template");
        cluster.forceDropDatabase("many_tmp_template"); // a template is dropped only by force
    }

    private static String useAndClose(SharedCluster cluster, String name, boolean fromTemplate) throws Exception {
        try (TemporaryDatabase db = fromTemplate
                ? cluster.temporaryDatabaseFromTemplate(name, "many_tmp_template")
                : cluster.temporaryDatabase(name);
             Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute(fromTemplate ? "INSERT INTO item VALUES (1)" : "CREATE TABLE item (id int)");
            return db.name();
        }
    }

    private static List<String> databasesNamed(SharedCluster cluster, String pattern) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                     + pattern + "' ORDER BY datname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
