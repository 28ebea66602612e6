package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The file an unpack of the binaries writes last, {@code .pgfixture-complete}: the archive's sha256
 * and how many files and links it held. A cached folder counts as complete only while this file is
 * there and the folder still holds that many entries; macOS, for one, deletes files under
 * {@code $TMPDIR} that went unused for three days, and a killed unpack leaves no marker.
 */
record CompleteMarker(String sha256, long files, long bytes) {

    static final String NAME = ".pgfixture-complete";

    void writeInto(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("sha256", sha256);
        p.setProperty("files", Long.toString(files));
        p.setProperty("bytes", Long.toString(bytes));
        Path tmp = folder.resolve(NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "pgfixture: written after a complete unpack of the archive with this sha256");
        }
        Files.move(tmp, folder.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The marker in {@code folder}, if it has a readable one. */
    static Optional<CompleteMarker> readFrom(Path folder) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(NAME))) {
            p.load(in);
            return Optional.of(new CompleteMarker(p.getProperty("sha256", ""), Long.parseLong(p.getProperty("files")),
                    Long.parseLong(p.getProperty("bytes", "0"))));
        } catch (IOException | RuntimeException absentOrDamaged) {
            return Optional.empty();
        }
    }

    /** Null when {@code folder} holds a complete unpack, else what is missing (for the log). */
    static String incompleteness(Path folder) {
        if (!Files.isDirectory(folder)) {
            return "absent";
        }
        Optional<CompleteMarker> marker = readFrom(folder);
        if (marker.isEmpty()) {
            return "no " + NAME + " marker: an unpack did not finish";
        }
        long present = countFiles(folder);
        return present == marker.get().files() ? null
                : "holds " + present + " of the " + marker.get().files() + " files unpacked (some were deleted)";
    }

    /** Files and links below {@code folder}, directories and the marker not counted. */
    static long countFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().equals(NAME)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }
}
