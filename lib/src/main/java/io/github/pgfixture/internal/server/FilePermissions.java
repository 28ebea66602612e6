package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * POSIX permission bits where the file store has them. Windows (NTFS) has none: there a new file
 * or folder under the user's profile is private to the user already, and executables need no bit.
 */
final class FilePermissions {

    private FilePermissions() {
    }

    static boolean posix(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    /** Sets {@code permissions} ("rwx------") on {@code path} when its file store has POSIX permissions. */
    static void setIfPosix(Path path, String permissions) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
