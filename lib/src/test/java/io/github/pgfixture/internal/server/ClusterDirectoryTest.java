package io.github.pgfixture.internal.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster folder on a file system without POSIX permissions (zipfs standing in for NTFS). */
class ClusterDirectoryTest {

    @TempDir
    Path work;

    @Test
    void create_onAFileSystemWithoutPosixPermissions_makesAnOwnedFolder() throws Exception {
        URI zip = URI.create("jar:" + work.resolve("ntfs-like.zip").toUri());
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path parent = fs.getPath("/Temp");
            assertThat(fs.supportedFileAttributeViews()).doesNotContain("posix");

            ClusterDirectory directory = ClusterDirectory.create(parent);

            assertThat(directory.root.getFileName().toString()).startsWith(ClusterDirectory.PREFIX);
            assertThat(Files.readString(directory.root.resolve("owner.properties")))
                    .contains("pid=" + ProcessHandle.current().pid());
            assertThat(ClusterDirectory.isOrphan(directory.root)).isFalse();
            assertThat(directory.delete()).isTrue();
            assertThat(directory.root).doesNotExist();
        }
    }

    @Test
    void create_onThisMachine_holdsTheOwnerLockUntilDeleted() throws Exception {
        ClusterDirectory directory = ClusterDirectory.create(work);

        assertThat(directory.root.resolve("owner.lock")).exists();
        assertThat(ClusterDirectory.isOrphan(directory.root)).isFalse();
        assertThat(ClusterDirectory.isOrphan(directory.root)).as("asking twice keeps the lock").isFalse();

        assertThat(directory.delete()).isTrue();
        assertThat(directory.root).doesNotExist();
    }
}
