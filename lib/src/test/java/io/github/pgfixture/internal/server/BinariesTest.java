package io.github.pgfixture.internal.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        assertThat(entries(cache)).isEqualTo(entriesAfterFirst).containsExactly(first);
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
            assertThat(entries(cache)).as("no .unpacking-* folder left").containsExactly(first);
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(60, TimeUnit.SECONDS);
        }
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
