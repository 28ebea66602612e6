package io.github.pgfixture.internal.template;

import io.github.pgfixture.PgFixtureException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files below a folder, or below a class-path location (a folder on the class path or a
 * package inside a jar, possibly in several class-path roots), as relative paths with their bytes.
 */
public final class Resources {

    /** One file: its path relative to the location ('/'-separated) and its content. */
    public record Entry(String path, byte[] content) {
    }

    private Resources() {
    }

    /** Every regular file below {@code directory}, sorted by relative path. */
    public static List<Entry> ofDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PgFixtureException("Migration folder " + directory.toAbsolutePath() + " does not exist or is not a "
                    + "folder. Check the path (relative paths start from " + Paths.get("").toAbsolutePath() + ").");
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                entries.add(new Entry(relative, Files.readAllBytes(file)));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new PgFixtureException("Cannot read the migration folder " + directory + ": " + e, e);
        }
        return sorted(entries);
    }

    /**
     * Every file below the class-path {@code location} (e.g. {@code db/migration}; a leading
     * {@code classpath:} or {@code /} is ignored), across every class-path root that has it.
     */
    public static List<Entry> ofClasspath(String location, ClassLoader loader) {
        String folder = normalize(location);
        List<Entry> entries = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            if (!roots.hasMoreElements()) {
                throw new PgFixtureException("The class path has no folder " + folder + " (from '" + location + "'). "
                        + "Check the location; resources usually live in src/main/resources or src/test/resources.");
            }
            for (URL root : Collections.list(roots)) {
                switch (root.getProtocol()) {
                    case "file" -> entries.addAll(ofDirectory(Paths.get(root.toURI())));
                    case "jar" -> entries.addAll(ofJar(root, folder));
                    default -> throw new PgFixtureException("Cannot list class-path location " + root + " (protocol "
                            + root.getProtocol() + "). Put the migrations in a folder or a jar, or use a file-system path.");
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new PgFixtureException("Cannot read class-path location " + folder + ": " + e, e);
        }
        return sorted(entries);
    }

    static String normalize(String location) {
        String folder = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        while (folder.startsWith("/")) {
            folder = folder.substring(1);
        }
        while (folder.endsWith("/")) {
            folder = folder.substring(0, folder.length() - 1);
        }
        return folder;
    }

    private static List<Entry> ofJar(URL root, String folder) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        List<Entry> entries = new ArrayList<>();
        String prefix = folder + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        entries.add(new Entry(entry.getName().substring(prefix.length()), in.readAllBytes()));
                    }
                }
            }
        }
        return entries;
    }

    private static List<Entry> sorted(List<Entry> entries) {
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }
}
