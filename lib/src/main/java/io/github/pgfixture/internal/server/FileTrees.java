package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Recursive delete that never follows symbolic links out of the tree. */
final class FileTrees {

    private FileTrees() {
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Moves the complete {@code scratch} to {@code target}, where an older copy may be. That one is
     * swapped out by two renames, so a process using {@code target} without the lock that guards its
     * making finds it missing for microseconds, not for the whole remake. The old copy passes through a
     * folder named {@code stalePrefix…} beside it, which the maker's own leftover cleaning removes
     * should this process die in between.
     */
    static void moveInPlace(Path scratch, Path target, String stalePrefix) throws IOException {
        if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.move(scratch, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path stale = Files.createTempDirectory(target.getParent(), stalePrefix).resolve("old");
        Files.move(target, stale, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(scratch, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        deleteQuietly(stale.getParent());
    }

    static boolean deleteQuietly(Path root) {
        try {
            delete(root);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
