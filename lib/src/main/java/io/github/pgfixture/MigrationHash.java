package io.github.pgfixture;

import io.github.pgfixture.internal.template.Resources;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A short, stable fingerprint of a set of migrations, for naming templates: an unchanged schema gets
 * the same name (and its template is reused), any change gets a new one (and is built afresh).
 *
 * <p>The hash covers every file's relative path ('/'-separated) and bytes, in sorted path order, so
 * renaming, adding, removing or editing any file changes it; file times and the folder's own
 * location do not. Two files with the same relative path under different class-path roots both count.
 */
public final class MigrationHash {

    private MigrationHash() {
    }

    /**
     * First 12 lowercase hex characters of a SHA-256 over every file below {@code directory}, in
     * sorted relative-path order, covering each file's relative path and its bytes. An empty folder
     * has a hash too; a missing one is a {@link PgFixtureException}.
     *
     * @param directory the folder of migrations, read recursively (a link to a file counts as that file; a
     *                  link to a folder is not entered)
     * @return 12 lowercase hex characters
     * @throws PgFixtureException if {@code directory} is missing, is not a folder, or a file in it
     *                            cannot be read
     */
    public static String ofDirectory(Path directory) {
        return of(Resources.ofDirectory(directory));
    }

    /**
     * As {@link #ofDirectory}, for a class-path location such as {@code db/migration} or
     * {@code classpath:db/migration}: a folder on the class path or a package inside a jar, merged
     * over every class-path root that holds it (the thread's context class loader is searched).
     *
     * @param location a class-path folder, with or without the {@code classpath:} prefix
     * @return 12 lowercase hex characters
     * @throws PgFixtureException if no class-path root holds {@code location}, or it cannot be read
     */
    public static String ofClasspath(String location) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return of(Resources.ofClasspath(location, loader != null ? loader : MigrationHash.class.getClassLoader()));
    }

    /** The hash of {@code text}'s UTF-8 bytes, for templates versioned by a string. */
    static String ofText(String text) {
        return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String of(List<Resources.Entry> entries) {
        MessageDigest sha = digest();
        for (Resources.Entry entry : entries) {
            byte[] path = entry.path().getBytes(StandardCharsets.UTF_8);
            // length-prefixed fields: no two different file sets produce the same byte stream
            sha.update(ByteBuffer.allocate(4).putInt(path.length).array());
            sha.update(path);
            sha.update(ByteBuffer.allocate(8).putLong(entry.content().length).array());
            sha.update(entry.content());
        }
        return hex(sha.digest());
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest).substring(0, 12);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
