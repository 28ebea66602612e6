package io.github.pgfixture.internal.server;

import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Unpacks a {@code .tar.xz} archive: regular files (with their permission bits), directories and
 * symbolic links, in ustar format with GNU long names and pax {@code path}/{@code linkpath} records.
 * That is what zonky's binary archives contain; other entry types are skipped.
 */
final class TarXz {

    private static final int BLOCK = 512;

    private TarXz() {
    }

    static void extract(InputStream compressed, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream in = new BufferedInputStream(new XZInputStream(new BufferedInputStream(compressed, 1 << 16)), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            String longLink = null;
            while (readBlock(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : entryName(header);
                String link = longLink != null ? longLink : text(header, 157, 100);
                longName = null;
                longLink = null;
                char type = (char) header[156];
                long size = octal(header, 124, 12);
                int mode = (int) octal(header, 100, 8);
                switch (type) {
                    case 'L' -> longName = stripNul(new String(readData(in, size), StandardCharsets.UTF_8));
                    case 'K' -> longLink = stripNul(new String(readData(in, size), StandardCharsets.UTF_8));
                    case 'x' -> {
                        String pax = new String(readData(in, size), StandardCharsets.UTF_8);
                        longName = paxValue(pax, "path");
                        longLink = paxValue(pax, "linkpath");
                    }
                    case '5' -> Files.createDirectories(resolve(root, name));
                    case '2' -> {
                        Path file = resolve(root, name);
                        Files.createDirectories(file.getParent());
                        Files.deleteIfExists(file);
                        Files.createSymbolicLink(file, Paths.get(link));
                    }
                    case '0', '\0', '7' -> {
                        Path file = resolve(root, name);
                        Files.createDirectories(file.getParent());
                        Files.copy(new BoundedInputStream(in, size), file, StandardCopyOption.REPLACE_EXISTING);
                        skip(in, padding(size));
                        Files.setPosixFilePermissions(file, permissions(mode));
                    }
                    default -> skip(in, size + padding(size));
                }
            }
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

    private static String entryName(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxValue(String records, String key) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            int equals = record.indexOf('=');
            if (space > 0 && equals > space && record.substring(space + 1, equals).equals(key)) {
                return record.substring(equals + 1);
            }
        }
        return null;
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

    private static long octal(byte[] header, int offset, int length) {
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
