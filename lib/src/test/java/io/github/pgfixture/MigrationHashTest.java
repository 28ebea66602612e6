package io.github.pgfixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link MigrationHash}: the contract in DESIGN.md, for folders, class-path folders and jars. */
class MigrationHashTest {

    @TempDir
    Path work;

    private static final Map<String, String> MIGRATIONS = new LinkedHashMap<>(Map.of(
            "V1__customers.sql", "CREATE TABLE customers (id int);\n",
            "V2__orders.sql", "CREATE TABLE orders (id int);\n",
            "sub/V3__items.sql", "CREATE TABLE items (id int);\n",
            "README.txt", "not a migration, still counted\n"));

    private Path migrations(String folder) throws IOException {
        return Jars.tree(work.resolve(folder), MIGRATIONS);
    }

    @Test
    void ofDirectory_isTwelveLowercaseHexCharacters() throws IOException {
        assertThat(MigrationHash.ofDirectory(migrations("a"))).matches("[0-9a-f]{12}");
    }

    @Test
    void sameFilesInAnotherFolder_createdInAnotherOrderAtAnotherTime_sameHash() throws IOException {
        Path first = migrations("first");
        Path second = work.resolve("elsewhere/second");
        List<String> reversed = MIGRATIONS.keySet().stream().sorted(java.util.Comparator.reverseOrder()).toList();
        for (String file : reversed) {
            Jars.tree(second, Map.of(file, MIGRATIONS.get(file)));
            Files.setLastModifiedTime(second.resolve(file), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        }

        assertThat(MigrationHash.ofDirectory(second)).isEqualTo(MigrationHash.ofDirectory(first));
    }

    @Test
    void renamingAFile_changesTheHash() throws IOException {
        Path dir = migrations("a");
        String before = MigrationHash.ofDirectory(dir);

        Files.move(dir.resolve("V2__orders.sql"), dir.resolve("V2__order.sql"));

        assertThat(MigrationHash.ofDirectory(dir)).isNotEqualTo(before);
    }

    @Test
    void changingOneByte_changesTheHash() throws IOException {
        Path dir = migrations("a");
        String before = MigrationHash.ofDirectory(dir);

        Files.writeString(dir.resolve("sub/V3__items.sql"), "CREATE TABLE items (id INT);\n");

        assertThat(MigrationHash.ofDirectory(dir)).isNotEqualTo(before);
    }

    @Test
    void movingAFileIntoAnotherSubfolder_changesTheHash() throws IOException {
        Path dir = migrations("a");
        String before = MigrationHash.ofDirectory(dir);

        Files.createDirectories(dir.resolve("other"));
        Files.move(dir.resolve("sub/V3__items.sql"), dir.resolve("other/V3__items.sql"));

        assertThat(MigrationHash.ofDirectory(dir)).isNotEqualTo(before);
    }

    @Test
    void swappingTheContentsOfTwoFiles_changesTheHash() throws IOException {
        Path dir = migrations("a");
        String before = MigrationHash.ofDirectory(dir);

        Files.writeString(dir.resolve("V1__customers.sql"), MIGRATIONS.get("V2__orders.sql"));
        Files.writeString(dir.resolve("V2__orders.sql"), MIGRATIONS.get("V1__customers.sql"));

        assertThat(MigrationHash.ofDirectory(dir)).isNotEqualTo(before);
    }

    @Test
    void movingBytesAcrossTheBoundaryBetweenPathAndContent_changesTheHash() throws IOException {
        Path one = Jars.tree(work.resolve("one"), Map.of("a", "bc"));
        Path two = Jars.tree(work.resolve("two"), Map.of("ab", "c"));

        assertThat(MigrationHash.ofDirectory(one)).isNotEqualTo(MigrationHash.ofDirectory(two));
    }

    @Test
    void anEmptySubfolder_changesNothing_onlyFilesCount() throws IOException {
        Path dir = migrations("a");
        String before = MigrationHash.ofDirectory(dir);

        Files.createDirectories(dir.resolve("empty/nested"));

        assertThat(MigrationHash.ofDirectory(dir)).isEqualTo(before);
    }

    @Test
    void missingFolder_failsNamingIt() {
        Path missing = work.resolve("no-such-folder");

        assertThatThrownBy(() -> MigrationHash.ofDirectory(missing))
                .isInstanceOf(PgFixtureException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void classpathFolder_sameHashAsTheFolder() {
        String fromSources = MigrationHash.ofDirectory(Path.of("src/test/resources/templates/pagila"));

        assertThat(MigrationHash.ofClasspath("templates/pagila")).isEqualTo(fromSources);
        assertThat(MigrationHash.ofClasspath("classpath:templates/pagila/")).isEqualTo(fromSources);
    }

    @Test
    void insideAJar_sameHashAsTheFolder() throws Exception {
        Path dir = migrations("a");
        Path jar = Jars.of(work.resolve("migrations.jar"), dir, "db/jarred/");

        String fromJar;
        try (URLClassLoader loader = Jars.loader(List.of(jar))) {
            fromJar = Jars.withContextLoader(loader, () -> MigrationHash.ofClasspath("classpath:db/jarred"));
        }

        assertThat(fromJar).isEqualTo(MigrationHash.ofDirectory(dir));
    }
}
