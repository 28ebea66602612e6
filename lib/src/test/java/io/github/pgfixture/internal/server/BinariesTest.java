package io.github.pgfixture.internal.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Unpacking zonky's archive into a cache folder of its own (not the machine-wide one other tests share). */
class BinariesTest {

    @TempDir
    Path cache;

    @Test
    void prepare_twice_unpacksOnceAndReusesTheCachedFolder() throws Exception {
        Path first = Binaries.prepare(cache);
        assertThat(first.resolve("bin/initdb")).isExecutable();
        assertThat(first.resolve("bin/pg_ctl")).isExecutable();
        assertThat(first.resolve("share/postgresql/postgres.bki")).isRegularFile();
        try (Stream<Path> lib = Files.list(first.resolve("lib"))) {
            assertThat(lib.filter(Files::isSymbolicLink)).as("zonky ships its .so links as symlinks")
                    .isNotEmpty()
                    .allSatisfy(link -> assertThat(link.toRealPath()).startsWith(first.toRealPath()));
        }
        Object unpackedPostgres = fileKey(first.resolve("bin/postgres"));
        List<Path> entriesAfterFirst = entries(cache);

        Path second = Binaries.prepare(cache);

        assertThat(second).isEqualTo(first);
        assertThat(fileKey(second.resolve("bin/postgres"))).as("not unpacked again").isEqualTo(unpackedPostgres);
        assertThat(entries(cache)).isEqualTo(entriesAfterFirst).containsExactly(cache.resolve(".lock"), first);
        assertThat(postgresVersion(second)).startsWith("postgres (PostgreSQL) ");
    }

    @Test
    void prepare_twoThreadsIntoAnEmptyCache_bothGetAWorkingPostgres() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Path> one = threads.submit(() -> {
                together.await();
                return Binaries.prepare(cache);
            });
            Future<Path> two = threads.submit(() -> {
                together.await();
                return Binaries.prepare(cache);
            });

            Path first = one.get(120, TimeUnit.SECONDS);
            Path second = two.get(120, TimeUnit.SECONDS);

            assertThat(second).isEqualTo(first);
            assertThat(postgresVersion(first)).startsWith("postgres (PostgreSQL) ");
            assertThat(entries(cache)).as("no .unpacking-* folder left").containsExactly(cache.resolve(".lock"), first);
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void prepare_cacheWhoseMarkerIsMissing_isUnpackedAgain() throws Exception {
        Path first = Binaries.prepare(cache);
        Object before = fileKey(first.resolve("bin/postgres"));
        Files.delete(first.resolve(CompleteMarker.NAME));

        Path second = Binaries.prepare(cache);

        assertThat(second).isEqualTo(first);
        assertThat(fileKey(second.resolve("bin/postgres"))).as("unpacked again").isNotEqualTo(before);
        assertThat(second.resolve(CompleteMarker.NAME)).isRegularFile();
        assertThat(entries(cache)).containsExactly(cache.resolve(".lock"), first);
    }

    @Test
    void prepare_cacheThatLostAFile_isUnpackedAgain() throws Exception {
        Path first = Binaries.prepare(cache);
        Path bki = first.resolve("share/postgresql/postgres.bki");
        Files.delete(bki);
        assertThat(CompleteMarker.incompleteness(first)).contains("holds").contains("files unpacked");

        Path second = Binaries.prepare(cache);

        assertThat(bki).isRegularFile();
        assertThat(CompleteMarker.incompleteness(second)).isNull();
        assertThat(postgresVersion(second)).startsWith("postgres (PostgreSQL) ");
    }

    @Test
    void prepare_marker_recordsTheArchivesSha256AndEveryFile() throws Exception {
        URL archive = Binaries.find(Platform.current(), Binaries.class.getClassLoader());
        String sha256;
        try (InputStream in = archive.openStream()) {
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }

        Path folder = Binaries.prepare(cache);

        CompleteMarker marker = CompleteMarker.readFrom(folder).orElseThrow();
        assertThat(marker.sha256()).isEqualTo(sha256);
        assertThat(marker.files()).isGreaterThan(500).isEqualTo(CompleteMarker.countFiles(folder));
    }

    @Test
    void identity_jarInAFolderWithASpace_isThePathSizeAndTimeNotAHashOfTheArchive() throws Exception {
        Path jar = Files.createDirectories(cache.resolve("Application Support/m2")).resolve("binaries.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("postgres-test.txz"));
            out.write("archive".getBytes(StandardCharsets.UTF_8));
        }
        URL url = new URL("jar:" + jar.toUri() + "!/postgres-test.txz");
        assertThat(url.toString()).contains("Application%20Support");

        String identity = Binaries.identity(url);

        assertThat(identity).isEqualTo(url + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis());
    }

    @Test
    void archiveFile_windowsJarUrls_areDecodedNotTakenAsRawPaths() throws Exception {
        URL drive = new URL("jar:file:/C:/Users/John%20Doe/.m2/repository/x/binaries.jar!/postgres-windows-x86_64.txz");
        URL unc = new URL("jar:file://fileserver/share/m2/binaries.jar!/postgres-windows-x86_64.txz");

        assertThat(Binaries.archiveFile(drive)).hasValueSatisfying(path -> assertThat(path.toString())
                .contains("John Doe").doesNotContain("%20").endsWith("binaries.jar"));
        // On Windows this is \\fileserver\share\...; elsewhere no path: the archive is hashed, nothing fails.
        Binaries.archiveFile(unc).ifPresent(path -> assertThat(path.toString()).endsWith("binaries.jar"));
        assertThat(Binaries.archiveFile(new URL("http://example.invalid/postgres.txz"))).isEmpty();
    }

    private static String postgresVersion(Path binaries) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binaries.resolve("bin/postgres").toString(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }
}
