package io.github.pgfixture.internal.server;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CloneMethodTest {

    @TempDir
    Path dataParent;

    private static EmbeddedServer start(Path parent, String... settings) {
        return EmbeddedServerTest.startIn(parent, settings);
    }

    @Test
    void onLinuxWithPostgres18_newSessionsCloneFilesAndTheProbeDatabaseIsGone() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "copy_file_range works on every Linux file system");
        try (EmbeddedServer server = start(dataParent)) {
            assumeTrue(Integer.parseInt(query(server, "SHOW server_version_num")) >= 180000, "file_copy_method is new in 18");

            assertThat(query(server, "SHOW file_copy_method")).isEqualTo("clone");
            assertThat(query(server, "SELECT count(*) FROM pg_database WHERE datname LIKE 'pgfixture_clone_probe%'"))
                    .isEqualTo("0");
            execute(server, "CREATE DATABASE cloned TEMPLATE template1 STRATEGY FILE_COPY");
            assertThat(query(server, "SELECT count(*) FROM pg_database WHERE datname = 'cloned'")).isEqualTo("1");
        }
    }

    @Test
    void fileCopyMethodInServerConfig_isLeftAsTheUserSetIt() throws Exception {
        try (EmbeddedServer server = start(dataParent, Settings.SERVER_CONFIG, "file_copy_method=copy")) {
            assumeTrue(Integer.parseInt(query(server, "SHOW server_version_num")) >= 180000, "file_copy_method is new in 18");

            assertThat(query(server, "SHOW file_copy_method")).isEqualTo("copy");
        }
    }

    /**
     * On XFS with reflinks, five clones of a 100 MB template take almost no space: the copy would
     * take 500 MB. Mounts a loop XFS file system, so it needs root and mkfs.xfs (xfsprogs).
     */
    @Test
    void onXfs_clonesShareTheTemplatesBlocks() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a loop file system needs root");
        assumeTrue(Files.isExecutable(Path.of("/sbin/mkfs.xfs")) || Files.isExecutable(Path.of("/usr/sbin/mkfs.xfs")),
                "mkfs.xfs is not installed (apt-get install xfsprogs)");
        Path image = dataParent.resolve("xfs.img");
        Path mount = Files.createDirectory(dataParent.resolve("xfs"));
        run("truncate", "-s", "1G", image.toString());
        run("mkfs.xfs", "-q", "-m", "reflink=1", image.toString());
        assumeTrue(run("mount", "-o", "loop", image.toString(), mount.toString()) == 0, "loop mount refused");
        try {
            run("chmod", "755", mount.toString());
            try (EmbeddedServer server = start(mount)) {
                assumeTrue(Integer.parseInt(query(server, "SHOW server_version_num")) >= 180000, "file_copy_method is new in 18");
                execute(server, "CREATE DATABASE big");
                try (Connection c = DriverManager.getConnection(server.jdbcUrl("big")); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE pad AS SELECT g, repeat('x', 1000) AS t FROM generate_series(1, 90000) g");
                }
                execute(server, "CHECKPOINT");
                long before = Files.getFileStore(mount).getUsableSpace();

                for (int i = 0; i < 5; i++) {
                    execute(server, "CREATE DATABASE c" + i + " TEMPLATE big STRATEGY FILE_COPY");
                }

                long used = before - Files.getFileStore(mount).getUsableSpace();
                assertThat(used).as("bytes used by five clones of a 100 MB template").isLessThan(100L << 20);
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static String query(EmbeddedServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(EmbeddedServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
