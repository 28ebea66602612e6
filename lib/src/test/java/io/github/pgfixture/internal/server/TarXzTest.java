package io.github.pgfixture.internal.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarXzTest {

    @TempDir
    Path work;

    private Path target() throws IOException {
        return Files.createDirectories(work.resolve("target"));
    }

    @Test
    void extract_regularFiles_keepTheirContentsAndExecutableBit() throws IOException {
        byte[] block = filled(512, 'b');
        byte[] blockAndOne = filled(513, 'c');
        byte[] archive = new Tar()
                .file("bin/tool", 0755, "#!/bin/sh\necho hi\n")
                .file("share/readme.txt", 0644, "read me")
                .file("share/empty", 0644, "")
                .file("share/block", 0644, block)
                .file("share/block-and-one", 0600, blockAndOne)
                .build();

        TarXz.extract(new ByteArrayInputStream(archive), target());

        Path root = target();
        assertThat(root.resolve("bin/tool")).hasContent("#!/bin/sh\necho hi\n").isExecutable();
        assertThat(root.resolve("share/readme.txt")).hasContent("read me");
        assertThat(Files.isExecutable(root.resolve("share/readme.txt"))).isFalse();
        assertThat(root.resolve("share/empty")).isEmptyFile();
        assertThat(root.resolve("share/block")).hasBinaryContent(block);
        assertThat(root.resolve("share/block-and-one")).hasBinaryContent(blockAndOne);
    }

    @Test
    void extract_directoryEntries_areCreatedEvenWhenEmpty() throws IOException {
        byte[] archive = new Tar().directory("share/").directory("share/empty/").file("share/x", 0644, "x").build();

        TarXz.extract(new ByteArrayInputStream(archive), target());

        assertThat(target().resolve("share/empty")).isDirectory().isEmptyDirectory();
        assertThat(target().resolve("share/x")).hasContent("x");
    }

    @Test
    void extract_symbolicLinks_areCreatedAsLinks() throws IOException {
        byte[] archive = new Tar()
                .file("lib/libpq.so.5.18", 0755, "elf")
                .symlink("lib/libpq.so.5", "libpq.so.5.18")
                .symlink("lib/libpq.so", "libpq.so.5")
                .build();

        TarXz.extract(new ByteArrayInputStream(archive), target());

        Path link = target().resolve("lib/libpq.so");
        assertThat(link).isSymbolicLink();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("libpq.so.5"));
        assertThat(link).hasContent("elf");
    }

    @Test
    void extract_gnuLongName_namesTheNextEntry() throws IOException {
        String longName = "share/" + "very-long-directory-name/".repeat(6) + "file.txt";
        assertThat(longName.length()).isGreaterThan(100);
        byte[] archive = new Tar()
                .gnuLongName(longName)
                .file(longName.substring(0, 99), 0644, "long")
                .file("after", 0644, "short again")
                .build();

        TarXz.extract(new ByteArrayInputStream(archive), target());

        assertThat(target().resolve(longName)).hasContent("long");
        assertThat(target().resolve("after")).hasContent("short again");
        assertThat(target().resolve(longName.substring(0, 99))).doesNotExist();
    }

    @Test
    void extract_paxPathRecord_namesTheNextEntry() throws IOException {
        String longName = "share/" + "another-long-directory-name/".repeat(5) + "pax.txt";
        byte[] archive = new Tar()
                .pax("mtime=1700000000.5", "path=" + longName)
                .file("truncated", 0644, "pax")
                .file("after", 0644, "plain")
                .build();

        TarXz.extract(new ByteArrayInputStream(archive), target());

        assertThat(target().resolve(longName)).hasContent("pax");
        assertThat(target().resolve("after")).hasContent("plain");
        assertThat(target().resolve("truncated")).doesNotExist();
    }

    @Test
    void extract_ustarPrefix_isJoinedToTheName() throws IOException {
        byte[] archive = new Tar().file("deep/prefix/part", "file.txt", 0644, "prefixed").build();

        TarXz.extract(new ByteArrayInputStream(archive), target());

        assertThat(target().resolve("deep/prefix/part/file.txt")).hasContent("prefixed");
    }

    @Test
    void extract_entryOutsideTheTarget_isRejectedAndNothingIsWrittenOutside() throws IOException {
        byte[] archive = new Tar().file("../evil", 0644, "evil").build();

        assertThatThrownBy(() -> TarXz.extract(new ByteArrayInputStream(archive), target()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../evil");

        assertThat(work.resolve("evil")).doesNotExist();
        assertThat(filesBelow(work)).isEmpty();
    }

    @Test
    void extract_paxPathOutsideTheTarget_isRejected() throws IOException {
        byte[] archive = new Tar().pax("path=a/../../../evil").file("harmless", 0644, "evil").build();

        assertThatThrownBy(() -> TarXz.extract(new ByteArrayInputStream(archive), target()))
                .isInstanceOf(IOException.class);

        assertThat(filesBelow(work)).isEmpty();
    }

    @Test
    void extract_fileThroughASymlinkThatLeavesTheTarget_isRejectedAndNothingIsWrittenOutside() throws IOException {
        Path outside = Files.createDirectories(work.resolve("outside"));
        byte[] archive = new Tar()
                .symlink("escape", outside.toString())
                .file("escape/evil", 0644, "evil")
                .build();

        assertThatThrownBy(() -> TarXz.extract(new ByteArrayInputStream(archive), target()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("escape/evil");

        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void extract_truncatedArchive_fails() throws IOException {
        byte[] tar = new Tar().file("big", 0644, filled(2000, 'x')).tar();
        byte[] archive = xz(Arrays.copyOf(tar, 1024));

        assertThatThrownBy(() -> TarXz.extract(new ByteArrayInputStream(archive), target()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void extract_hardLink_getsTheContentsOfTheFileItLinksTo() throws IOException {
        byte[] archive = new Tar()
                .file("bin/postgres", 0755, "elf")
                .hardLink("bin/postmaster", "bin/postgres")
                .build();

        TarXz.Summary summary = TarXz.extract(new ByteArrayInputStream(archive), target());

        Path link = target().resolve("bin/postmaster");
        assertThat(link).hasContent("elf").isExecutable();
        assertThat(Files.isSameFile(link, target().resolve("bin/postgres"))).as("a real hard link here").isTrue();
        assertThat(summary.files()).isEqualTo(2);
    }

    @Test
    void extract_hardLinkToAFileNotUnpackedBefore_isRejected() throws IOException {
        byte[] archive = new Tar().hardLink("bin/postmaster", "../../etc/passwd").build();

        assertThatThrownBy(() -> TarXz.extract(new ByteArrayInputStream(archive), target()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../../etc/passwd");
        assertThat(filesBelow(work)).isEmpty();
    }

    @Test
    void extract_gnuHeadersWithTimesWhereUstarHasItsPrefix_keepTheirNames() throws IOException {
        byte[] archive = new Tar().gnu()
                .incrementalDirectory("share/", "Yreadme.txt\0\0")
                .file("share/readme.txt", 0644, "gnu")
                .build();

        TarXz.extract(new ByteArrayInputStream(archive), target());

        assertThat(target().resolve("share/readme.txt")).hasContent("gnu");
        assertThat(filesBelow(target())).containsExactly(target().resolve("share/readme.txt"));
    }

    @Test
    void extract_base256SizeAndPaxSize_areRead() throws IOException {
        byte[] block = filled(700, 'z');
        byte[] archive = new Tar().base256Sizes()
                .file("base256", 0644, block)
                .pax("size=3")
                .file("pax-sized", 0644, "abc")
                .build();

        TarXz.extract(new ByteArrayInputStream(archive), target());

        assertThat(target().resolve("base256")).hasBinaryContent(block);
        assertThat(target().resolve("pax-sized")).hasContent("abc");
    }

    @Test
    void extract_ontoAFileSystemWithoutPosixPermissionsOrLinks_copiesLinkedFiles() throws IOException {
        byte[] archive = new Tar()
                .file("lib/libpq.so.5.18", 0755, "elf")
                .symlink("lib/libpq.so.5", "libpq.so.5.18")
                .hardLink("bin/postgres.exe", "lib/libpq.so.5.18")
                .build();
        java.net.URI zip = java.net.URI.create("jar:" + work.resolve("windows-like.zip").toUri());
        try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
            Path root = Files.createDirectories(fs.getPath("/binaries"));
            assertThat(Files.getFileStore(root).supportsFileAttributeView("posix")).as("zipfs stands in for NTFS").isFalse();

            TarXz.Summary summary = TarXz.extract(new ByteArrayInputStream(archive), root);

            assertThat(Files.readString(root.resolve("lib/libpq.so.5"))).isEqualTo("elf");
            assertThat(Files.readString(root.resolve("bin/postgres.exe"))).isEqualTo("elf");
            assertThat(summary.files()).isEqualTo(3);
        }
    }

    private static java.util.List<Path> filesBelow(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !Files.isDirectory(p)).toList();
        }
    }

    private static byte[] filled(int size, char c) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    static byte[] xz(byte[] tar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options())) {
            xz.write(tar);
        }
        return out.toByteArray();
    }

    /** Writes a ustar archive by hand, header by header, as GNU tar and bsdtar lay them out. */
    static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private boolean gnu;
        private boolean base256;

        Tar file(String name, int mode, String content) {
            return file(name, mode, content.getBytes(StandardCharsets.UTF_8));
        }

        Tar file(String name, int mode, byte[] content) {
            return entry("", name, mode, '0', "", content);
        }

        Tar file(String prefix, String name, int mode, String content) {
            return entry(prefix, name, mode, '0', "", content.getBytes(StandardCharsets.UTF_8));
        }

        Tar directory(String name) {
            return entry("", name, 0755, '5', "", new byte[0]);
        }

        Tar symlink(String name, String target) {
            return entry("", name, 0777, '2', target, new byte[0]);
        }

        Tar hardLink(String name, String existing) {
            return entry("", name, 0755, '1', existing, new byte[0]);
        }

        /** Headers from here on in GNU format: magic "ustar  \0", access and change times at 345 and 357. */
        Tar gnu() {
            gnu = true;
            return this;
        }

        /** Sizes from here on in GNU's base-256 encoding, as for files of 8 GiB and more. */
        Tar base256Sizes() {
            base256 = true;
            return this;
        }

        /** GNU tar --incremental's 'D' entry: a directory whose data lists its names. */
        Tar incrementalDirectory(String name, String dumpdir) {
            return entry("", name, 0755, 'D', "", dumpdir.getBytes(StandardCharsets.UTF_8));
        }

        /** GNU tar's 'L' entry: its data is the next entry's full name, NUL-terminated. */
        Tar gnuLongName(String name) {
            return entry("", "././@LongLink", 0644, 'L', "", (name + "\0").getBytes(StandardCharsets.UTF_8));
        }

        /** A pax extended header: records of the form "<length> <key>=<value>\n", length counting itself. */
        Tar pax(String... keyValues) {
            StringBuilder records = new StringBuilder();
            for (String kv : keyValues) {
                String body = " " + kv + "\n";
                int length = body.length() + 1;
                while (Integer.toString(length).length() + body.length() != length) {
                    length++;
                }
                records.append(length).append(body);
            }
            return entry("", "PaxHeaders/x", 0644, 'x', "", records.toString().getBytes(StandardCharsets.UTF_8));
        }

        private Tar entry(String prefix, String name, int mode, char type, String link, byte[] data) {
            byte[] header = new byte[512];
            put(header, 0, 100, name);
            put(header, 100, 8, octal(mode, 7));
            put(header, 108, 8, octal(0, 7));
            put(header, 116, 8, octal(0, 7));
            if (base256) {
                header[124] = (byte) 0x80;
                header[134] = (byte) (data.length >> 8);
                header[135] = (byte) data.length;
            } else {
                put(header, 124, 12, octal(data.length, 11));
            }
            put(header, 136, 12, octal(1_700_000_000L, 11));
            Arrays.fill(header, 148, 156, (byte) ' ');
            header[156] = (byte) type;
            put(header, 157, 100, link);
            put(header, 265, 32, "root");
            put(header, 297, 32, "root");
            if (gnu) {
                put(header, 257, 8, "ustar  ");
                put(header, 345, 12, octal(1_700_000_001L, 11));
                put(header, 357, 12, octal(1_700_000_002L, 11));
            } else {
                put(header, 257, 6, "ustar");
                put(header, 263, 2, "00");
                put(header, 345, 155, prefix);
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, 7, octal(sum, 6));
            out.writeBytes(header);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
            return this;
        }

        private static String octal(long value, int digits) {
            String s = Long.toOctalString(value);
            return "0".repeat(Math.max(0, digits - s.length())) + s;
        }

        private static void put(byte[] header, int offset, int length, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > length) {
                throw new IllegalArgumentException(value + " does not fit in " + length + " bytes");
            }
            System.arraycopy(bytes, 0, header, offset, bytes.length);
        }

        /** The tar bytes, ended by two zero blocks. */
        byte[] tar() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(new byte[1024]);
            return copy.toByteArray();
        }

        byte[] build() throws IOException {
            return xz(tar());
        }
    }
}
