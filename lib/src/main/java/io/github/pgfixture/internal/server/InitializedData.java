package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A freshly {@code initdb}-ed data directory, made once per machine for each set of binaries and the
 * user PostgreSQL runs as, and copied into every new cluster: a copy of its ~40 MB takes a fraction of
 * what {@code initdb} takes (bootstrap mode, then a single-user backend per step; about a second on a
 * slow machine).
 *
 * <p>It sits beside the binaries, in {@code <binaries-dir>/initdb/<binaries>-<key>/}, with what
 * initdb printed ({@code initdb.log}) and the superuser's password in a {@code password} file (0600,
 * the JVM's user only; initdb read it from a pwfile, so it never passed through SQL or a log). Every
 * cluster copied from it therefore has that password: they all listen on loopback only, belong to
 * one OS user, and their data directories, which hold the verifier anyway, are just as readable to
 * that user. The key covers everything initdb was told ({@link #RECIPE}, the owner, whether
 * {@code scram_iterations} exists), so a change to any of them makes a new one; nothing that
 * PostgreSQL reads at start ({@code -c} settings) is in it.
 *
 * <p>Made under the cache's file lock, in a scratch folder renamed into place only when complete, with
 * a {@link CompleteMarker} that counts its files: a killed initdb or a temp cleaner that deleted
 * files makes it be made again, never copied half. When it cannot be made (a read-only binaries
 * folder), {@link #into} falls back to {@code initdb} in the cluster's own folder.
 */
final class InitializedData {

    /** Bump when the initdb command below changes in a way the key does not see. */
    static final String RECIPE = "initdb -U postgres --auth=scram-sha-256 -E UTF8 --locale=C --no-sync v1";
    static final String SUPERUSER = "postgres";
    private static final String PASSWORD_FILE = "password";
    private static final Logger LOG = LoggerFactory.getLogger(InitializedData.class);

    private InitializedData() {
    }

    /**
     * Fills {@code directory.data()} with an initialised data directory owned by the user PostgreSQL
     * runs as, and returns the superuser's password.
     */
    static String into(ClusterDirectory directory, RunAs runAs, Path binaries) throws IOException {
        Path cached;
        try {
            cached = prepare(runAs, binaries);
        } catch (IOException e) {
            LOG.warn("Cannot keep an initialised data directory beside {} ({}); running initdb for this cluster, "
                    + "which takes longer. Make that folder writable, or choose another with pgfixture.binaries-dir",
                    binaries, e.toString());
            String password = newPassword();
            initdb(runAs, binaries, directory.root, directory.data(), password);
            return password;
        }
        copy(cached.resolve("data"), directory.data(), runAs);
        return Files.readString(cached.resolve(PASSWORD_FILE), StandardCharsets.UTF_8);
    }

    /** The complete cached folder for these binaries and this owner, made first if need be. */
    static Path prepare(RunAs runAs, Path binaries) throws IOException {
        Path target = folderFor(runAs, binaries);
        Path cacheRoot = target.getParent();
        return MadeOnce.ensure(cacheRoot, target, InitializedData.class,
                incomplete -> make(runAs, binaries, cacheRoot, target, incomplete));
    }

    /** Where the initialised data directory for these binaries and this owner is kept. */
    static Path folderFor(RunAs runAs, Path binaries) {
        return binaries.toAbsolutePath().getParent().resolve("initdb")
                .resolve(binaries.getFileName() + "-" + key(runAs, binaries));
    }

    private static void make(RunAs runAs, Path binaries, Path cacheRoot, Path target, String incomplete)
            throws IOException {
        long start = System.nanoTime();
        // Whoever made these held this lock and is gone: a JVM killed while making one
        try (DirectoryStream<Path> abandoned = Files.newDirectoryStream(cacheRoot, ".making-*")) {
            for (Path dir : abandoned) {
                FileTrees.deleteQuietly(dir);
            }
        }
        Path scratch = Files.createTempDirectory(cacheRoot, ".making-");
        try {
            FilePermissions.setIfPosix(scratch, "rwx------");
            runAs.handOver(scratch);
            String password = newPassword();
            Path passwordFile = scratch.resolve(PASSWORD_FILE);
            Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            FilePermissions.setIfPosix(passwordFile, "rw-------");
            initdb(runAs, binaries, scratch, scratch.resolve("data"), password);
            new CompleteMarker(key(runAs, binaries), CompleteMarker.countFiles(scratch), 0).writeInto(scratch);
            if (!incomplete.equals("absent")) {
                LOG.info("The initialised data directory {} was incomplete ({}); made it again", target, incomplete);
            }
            FileTrees.moveInPlace(scratch, target, ".making-stale-");
            LOG.info("Made an initialised data directory in {} ms, kept in {} for every later boot",
                    (System.nanoTime() - start) / 1_000_000, target);
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }

    /** Copies a data directory, keeping permissions (PostgreSQL wants 0700) and giving it to PostgreSQL's user. */
    static void copy(Path from, Path to, RunAs runAs) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                return copyOne(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                return copyOne(file);
            }

            private FileVisitResult copyOne(Path source) throws IOException {
                Path copy = to.resolve(from.relativize(source).toString());
                Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                runAs.handOver(copy);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Runs initdb into {@code data}; {@code work} holds its pwfile (deleted at once) and its log. */
    static void initdb(RunAs runAs, Path binaries, Path work, Path data, String password) throws IOException {
        Path pwfile = work.resolve("pwfile");
        Files.writeString(pwfile, password, StandardCharsets.UTF_8);
        FilePermissions.setIfPosix(pwfile, "r--------");
        runAs.handOver(pwfile);
        Path log = work.resolve("initdb.log");
        try {
            List<String> command = new ArrayList<>(runAs.command(List.of(
                    Platform.current().program(binaries, "initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C", "--no-sync")));
            if (hasScramIterations(binaries)) {
                command.addAll(List.of("-c", "scram_iterations=1"));
            }
            Process initdb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!initdb.waitFor(120, TimeUnit.SECONDS)) {
                initdb.destroyForcibly();
                throw new PgFixtureException("initdb did not finish within 120 s in " + data + ".");
            }
            if (initdb.exitValue() != 0) {
                throw new PgFixtureException("initdb failed (exit code " + initdb.exitValue() + ") in " + data
                        + " " + runAs + ". It said:\n" + Files.readString(log) + "\nCheck that " + work.getParent()
                        + " is writable" + (runAs.switchesUser() ? " and that the user PostgreSQL runs as can enter every "
                        + "folder above it and above " + binaries + " (each needs the x permission for others), or choose "
                        + "other folders with pgfixture.data-dir and pgfixture.binaries-dir" : "")
                        + (RunAs.isRoot() && !runAs.switchesUser() ? "; as root, pgfixture.run-as=nobody is the alternative" : "")
                        + ".");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgFixtureException("Interrupted while running initdb in " + data, e);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /**
     * True when these binaries know {@code scram_iterations} (PostgreSQL 16+): then initdb stores the
     * password with one SCRAM iteration, and the cluster keeps that default for passwords set later.
     * The client (PgJDBC) runs the iterations at every login; the server only checks its proof against
     * the stored key. One iteration made a new connection 1.3 ms cheaper at p50 than 4096 on a 2-core
     * machine ({@code -Dbench.run=login}, ADR 16), up to ~3 ms on a slower one. The 4096 default slows
     * offline guessing of a stolen verifier; this password is 24 random characters and the server listens
     * on loopback only, so that protection buys nothing here.
     */
    static boolean hasScramIterations(Path binaries) {
        try {
            return Files.readString(binaries.resolve("share/postgresql/postgresql.conf.sample")).contains("scram_iterations");
        } catch (IOException e) {
            LOG.debug("Kept the default SCRAM iterations: {}", e.toString());
            return false;
        }
    }

    private static String key(RunAs runAs, Path binaries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((RECIPE + "|" + runAs.owner() + "|" + hasScramIterations(binaries)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new PgFixtureException("This JVM has no SHA-256, which every JDK must have: " + e, e);
        }
    }

    static String newPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
