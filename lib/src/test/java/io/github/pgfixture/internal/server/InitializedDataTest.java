package io.github.pgfixture.internal.server;

import io.github.pgfixture.internal.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InitializedDataTest {

    @TempDir
    Path dataParent;

    @TempDir
    Path scratch;

    @Test
    void secondBoot_copiesTheDataDirectoryMadeByTheFirst_andBothAcceptTheirLogins() throws Exception {
        EmbeddedServer first = EmbeddedServerTest.startIn(dataParent);
        try {
            Path cached = cachedFolder();
            Path marker = cached.resolve(CompleteMarker.NAME);
            var madeAt = Files.getLastModifiedTime(marker);
            EmbeddedServer second = EmbeddedServerTest.startIn(dataParent);
            try {
                assertThat(Files.getLastModifiedTime(marker)).as("not made again").isEqualTo(madeAt);
                assertThat(EmbeddedServerTest.queryOne(first, "SELECT current_user")).isEqualTo("postgres");
                assertThat(EmbeddedServerTest.queryOne(second, "SELECT count(*) FROM pg_database")).isEqualTo("3");
                assertThat(second.directory()).isNotEqualTo(first.directory());
                if (FilePermissions.posix(second.directory())) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.directory().resolve("data"))))
                            .isEqualTo("rwx------");
                }
            } finally {
                second.close();
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aCachedDirectoryThatLostFiles_isMadeAgain_andTheBootWorks() throws Exception {
        EmbeddedServer first = EmbeddedServerTest.startIn(dataParent);
        Path cached;
        try {
            cached = cachedFolder();
        } finally {
            first.close();
        }
        Files.delete(cached.resolve("data/PG_VERSION"));

        EmbeddedServer again = EmbeddedServerTest.startIn(dataParent);
        try {
            assertThat(cached.resolve("data/PG_VERSION")).exists();
            assertThat(CompleteMarker.incompleteness(cached)).isNull();
            assertThat(EmbeddedServerTest.queryOne(again, "SELECT 1")).isEqualTo("1");
        } finally {
            again.close();
        }
    }

    @Test
    void aFolderBesideTheBinariesThatCannotHoldTheCache_fallsBackToInitdbInTheClustersOwnFolder() throws Exception {
        Path binaries = Binaries.prepare(defaults().binariesDir());
        Path link = Files.createSymbolicLink(scratch.resolve("binaries"), binaries);
        Files.writeString(scratch.resolve("initdb"), "a file where the cache's folder would go");
        ClusterDirectory directory = ClusterDirectory.create(dataParent);
        try {
            String password = InitializedData.into(directory, RunAs.choose(defaults().runAs()), link);
            assertThat(password).hasSize(24);
            assertThat(directory.data().resolve("PG_VERSION")).exists();
            assertThat(scratch.resolve("initdb")).isRegularFile();
        } finally {
            directory.delete();
        }
    }

    private static EmbeddedServer.Options defaults() {
        return EmbeddedServer.Options.from(Settings.of(Map.of()));
    }

    /** The cache folder the default binaries' clusters are copied from, for the user this JVM boots them as. */
    private static Path cachedFolder() {
        return InitializedData.folderFor(RunAs.choose(defaults().runAs()), Binaries.prepare(defaults().binariesDir()));
    }
}
