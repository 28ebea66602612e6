package io.github.pgfixture.internal.server;

import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Unpacks a {@code .tar.xz} archive: regular files (with their executable bit where the file system
 * has POSIX permissions), directories, symbolic links and hard links, in POSIX ustar and GNU format:
 * GNU long names and links, GNU incremental directory entries (whose header holds times where ustar
 * has its name prefix), base-256 sizes, and pax {@code path}/{@code linkpath}/{@code size} records.
 * Volume labels and pax global headers are skipped; sparse and multi-volume entries are refused.
 * Where links cannot be made (a file system without them), the linked file is copied.
 */
final class TarXz {

    private static final int BLOCK = 512;

    private TarXz() {
    }

    /** What an extract wrote: regular files and links (symbolic and hard), for the cache's marker. */
    record Summary(long files, long bytes) {
    }

    static Summary extract(InputStream compressed, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        boolean posix = Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class);
        long files = 0;
        long bytes = 0;
        try (InputStream in = new BufferedInputStream(new XZInputStream(new BufferedInputStream(compressed, 1 << 16)), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            String longLink = null;
            Long paxSize = null;
            while (readBlock(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : entryName(header);
                String link = longLink != null ? longLink : text(header, 157, 100);
                long size = paxSize != null ? paxSize : number(header, 124, 12);
                longName = null;
                longLink = null;
                paxSize = null;
                char type = (char) header[156];
                int mode = (int) number(header, 100, 8);
                switch (type) {
                    case 'L' -> longName = stripNul(new String(readData(in, size), StandardCharsets.UTF_8));
                    case 'K' -> longLink = stripNul(new String(readData(in, size), StandardCharsets.UTF_8));
                    case 'x' -> {
                        Map<String, String> pax = paxRecords(readData(in, size));
                        longName = pax.get("path");
                        longLink = pax.get("linkpath");
                        paxSize = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : null;
                    }
                    // 'D': GNU incremental dump of a directory; its data lists the directory's names.
                    case '5', 'D' -> {
                        Files.createDirectories(resolve(root, name));
                        skip(in, size + padding(size));
                    }
                    case '2' -> {
                        symlink(root, resolve(root, name), link);
                        files++;
                    }
                    case '1' -> {
                        hardLink(resolve(root, name), resolve(root, link));
                        files++;
                    }
                    case '0', '\0', '7' -> {
                        Path file = resolve(root, name);
                        Files.createDirectories(file.getParent());
                        Files.copy(new BoundedInputStream(in, size), file, StandardCopyOption.REPLACE_EXISTING);
                        skip(in, padding(size));
                        if (posix) {
                            Files.setPosixFilePermissions(file, permissions(mode));
                        }
                        files++;
                        bytes += size;
                    }
                    case 'S', 'M' -> throw new IOException("archive entry " + name + " is a GNU "
                            + (type == 'S' ? "sparse" : "multi-volume") + " file, which this reader does not unpack");
                    // 'g' pax global header, GNU 'V' volume label and 'N' rename list, devices, FIFOs: nothing to write
                    default -> skip(in, size + padding(size));
                }
            }
        }
        return new Summary(files, bytes);
    }

    private static void symlink(Path root, Path file, String link) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createSymbolicLink(file, file.getFileSystem().getPath(link));
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            // Windows without the symlink privilege, or a file system without links: a copy does the job.
            Path linked = resolve(root, root.relativize(file.getParent().resolve(link).normalize()).toString());
            if (!Files.isRegularFile(linked)) {
                throw new IOException("cannot create the symbolic link " + file + " (" + noLinks + ") and its target "
                        + link + " is not a file unpacked before it", noLinks);
            }
            Files.copy(linked, file);
        }
    }

    private static void hardLink(Path file, Path existing) throws IOException {
        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("archive entry " + file + " is a hard link to " + existing
                    + ", which is not a file unpacked before it");
        }
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createLink(file, existing);
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            Files.copy(existing, file, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static Path resolve(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("archive entry " + name + " points outside " + root);
        }
        // A symbolic link unpacked earlier must not lead this entry out of root ("link" -> /etc, then "link/x").
        for (Path dir = path.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            if (Files.isSymbolicLink(dir)) {
                throw new IOException("archive entry " + name + " goes through the symbolic link " + dir);
            }
        }
        return path;
    }

    /**
     * The name, joined to the ustar prefix only in POSIX ustar headers (magic {@code "ustar\0"}):
     * GNU headers ({@code "ustar  \0"}) keep access and change times where the prefix would be.
     */
    private static String entryName(byte[] header) {
        String name = text(header, 0, 100);
        boolean posixUstar = text(header, 257, 6).equals("ustar") && header[262] == 0;
        String prefix = posixUstar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** pax records, {@code "<length> <key>=<value>\n"}, the length in bytes counting the whole record. */
    private static Map<String, String> paxRecords(byte[] data) throws IOException {
        Map<String, String> records = new HashMap<>();
        int at = 0;
        while (at < data.length && data[at] != 0) {
            int space = at;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed pax header record at byte " + at, e);
            }
            if (length <= space - at || at + length > data.length) {
                throw new IOException("malformed pax header record at byte " + at);
            }
            String record = new String(data, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0) {
                records.put(record.substring(0, equals), record.substring(equals + 1));
            }
            at += length;
        }
        return records;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            set.add(PosixFilePermission.OWNER_EXECUTE);
            set.add(PosixFilePermission.GROUP_EXECUTE);
            set.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return set;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new EOFException("truncated tar archive");
        }
        return true;
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        skip(in, padding(size));
        return data;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long count) throws IOException {
        in.skipNBytes(count);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String stripNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** An octal field, or GNU's base-256 (first byte's high bit set) for values octal cannot hold. */
    private static long number(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String s = text(header, offset, length).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** Reads at most {@code remaining} bytes of the underlying stream and never closes it. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("truncated tar entry");
            }
            remaining -= n;
            return n;
        }
    }
}
