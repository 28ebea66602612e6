package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A folder of a per-machine cache ({@code target} under {@code cacheRoot}) that is made once and then
 * shared: the unpacked binaries, the initialised data directory. It counts as made while its
 * {@link CompleteMarker} says it is complete. One maker at a time per cache root: threads of this JVM
 * by {@code monitor}, other JVMs by the file lock on {@code cacheRoot/.lock} (which a JVM holds for
 * itself, not per thread, and the OS releases when the JVM dies).
 */
final class MadeOnce {

    /** Makes the folder; {@code incomplete} says what was wrong with it ("absent" the first time). */
    interface Maker {
        void make(String incomplete) throws IOException;
    }

    private MadeOnce() {
    }

    static Path ensure(Path cacheRoot, Path target, Object monitor, Maker maker) throws IOException {
        if (CompleteMarker.incompleteness(target) == null) {
            return target;
        }
        Files.createDirectories(cacheRoot);
        synchronized (monitor) {
            try (FileChannel lockFile = FileChannel.open(cacheRoot.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                String incomplete = CompleteMarker.incompleteness(target);
                if (incomplete != null) {
                    maker.make(incomplete);
                }
                return target;
            }
        }
    }
}
