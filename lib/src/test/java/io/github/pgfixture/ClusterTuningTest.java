package io.github.pgfixture;

import io.github.pgfixture.internal.server.DataPlacement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The embedded cluster {@link SharedCluster#get()} boots is tuned for tests and closed to others. */
class ClusterTuningTest {

    private final SharedCluster cluster = SharedCluster.get();

    @BeforeEach
    void embeddedOnly() {
        assumeTrue(System.getProperty("pgfixture.url") == null && System.getenv("PGFIXTURE_URL") == null,
                "an external server is tuned by its owner");
    }

    private String show(String setting) {
        return Sql.queryOne(cluster, "postgres", "SHOW " + setting);
    }

    @Test
    void durabilityIsTradedForSpeed() {
        assertThat(show("fsync")).isEqualTo("off");
        assertThat(show("synchronous_commit")).isEqualTo("off");
        assertThat(show("full_page_writes")).isEqualTo("off");
    }

    @Test
    void listensOnLoopbackOnly_withoutUnixSocket() {
        assertThat(show("listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(show("unix_socket_directories")).isEmpty();
    }

    @Test
    void maxConnections_isAtLeastTheDocumented300() {
        assertThat(Integer.parseInt(show("max_connections"))).isGreaterThanOrEqualTo(300);
    }

    @Test
    void logins_needTheScramPassword() {
        assertThat(show("password_encryption")).isEqualTo("scram-sha-256");
        assertThat(Sql.queryOne(cluster, "postgres", "SELECT rolpassword FROM pg_authid WHERE rolname = current_user"))
                .startsWith("SCRAM-SHA-256$");
        assertThat(Sql.queryOne(cluster, "postgres", "SELECT count(*) FROM pg_hba_file_rules")).isNotEqualTo("0");
        assertThat(Sql.queryOne(cluster, "postgres",
                "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")).isEqualTo("0");

        String url = cluster.jdbcUrl("postgres");
        String wrongPassword = url.replaceAll("password=[^&]+", "password=wrong");
        assertThatThrownBy(() -> DriverManager.getConnection(wrongPassword).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        String noPassword = url.replaceAll("[?&]password=[^&]+", "");
        assertThatThrownBy(() -> DriverManager.getConnection(noPassword).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void dataDirectory_isPrivate_andOnDevShmWhenThatHasRoom() throws Exception {
        Path data = Path.of(show("data_directory"));

        if (Files.getFileStore(data).supportsFileAttributeView("posix")) { // not on Windows, private to the user there
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.getParent()))).isEqualTo("rwx------");
        }
        Path shm = Path.of("/dev/shm");
        if (System.getProperty("pgfixture.data-dir") == null && System.getenv("PGFIXTURE_DATA_DIR") == null
                && Files.isDirectory(shm) && Files.isWritable(shm)) {
            // the cluster itself takes some of /dev/shm's room: compare with what it had before
            long freeBefore = Files.getFileStore(shm).getUsableSpace() + sizeOf(data.getParent());
            if (freeBefore >= DataPlacement.SHM_MINIMUM_FREE) {
                assertThat(data).startsWith(shm);
            } else {
                assertThat(data).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
            }
        }
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
