package io.github.pgfixture;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Test jars and class loaders over them, for migrations that live on a class path other than the test's. */
final class Jars {

    private Jars() {
    }

    /** Writes {@code files} (relative path → text) below {@code directory}; returns it. */
    static Path tree(Path directory, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = directory.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return directory;
    }

    /**
     * A jar at {@code jar} holding every file below {@code directory} under {@code prefix}
     * (e.g. {@code db/migration/}), with directory entries as the jar tool writes them.
     */
    static Path of(Path jar, Path directory, String prefix) throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String relative = directory.relativize(path).toString().replace('\\', '/');
                entries.put(prefix + relative + (Files.isDirectory(path) && !relative.isEmpty() ? "/" : ""), path);
            }
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String parent = prefix; parent.contains("/"); parent = parent.substring(0, parent.lastIndexOf('/'))) {
                entries.putIfAbsent(parent.endsWith("/") ? parent : parent + "/", directory);
            }
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                if (entry.getKey().isEmpty()) {
                    continue; // the folder itself, with an empty prefix
                }
                zip.putNextEntry(new JarEntry(entry.getKey()));
                if (!entry.getKey().endsWith("/")) {
                    zip.write(Files.readAllBytes(entry.getValue()));
                }
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** A class loader over {@code jars} whose parent is the test's own. */
    static URLClassLoader loader(List<Path> jars) {
        URL[] urls = jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
        return new URLClassLoader(urls, Jars.class.getClassLoader());
    }

    /** Runs {@code action} with {@code loader} as the thread's context class loader. */
    static <T> T withContextLoader(ClassLoader loader, java.util.concurrent.Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
