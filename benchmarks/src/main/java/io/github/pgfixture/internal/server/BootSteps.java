package io.github.pgfixture.internal.server;

import io.github.pgfixture.internal.config.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The benchmarks' way into the embedded server's boot steps, which are package-private in lib: this
 * class lives in the benchmarks module, in lib's package, and is not published.
 */
public final class BootSteps {

    private final RunAs runAs;
    private final Path binaries;
    private final Path cached;
    private final Path dataParent;

    /** Unpacks the binaries and makes the initialised data directory if need be; clusters go under {@code dataParent}. */
    public BootSteps(Path dataParent) throws IOException {
        EmbeddedServer.Options options = EmbeddedServer.Options.from(Settings.of(Map.of(Settings.DATA_DIR, dataParent.toString())));
        this.runAs = RunAs.choose(options.runAs());
        this.binaries = Binaries.prepare(options.binariesDir());
        this.cached = InitializedData.prepare(runAs, binaries);
        this.dataParent = dataParent;
    }

    /** Nanoseconds of one initdb into a new folder, as a boot without the cache runs it; the folder is deleted after. */
    public long initdb() throws IOException {
        ClusterDirectory directory = ClusterDirectory.create(dataParent);
        try {
            runAs.handOver(directory.root);
            long start = System.nanoTime();
            InitializedData.initdb(runAs, binaries, directory.root, directory.data(), InitializedData.newPassword());
            return System.nanoTime() - start;
        } finally {
            directory.delete();
        }
    }

    /** Nanoseconds of one copy of the initialised data directory into a new folder, as a boot runs it. */
    public long copy() throws IOException {
        ClusterDirectory directory = ClusterDirectory.create(dataParent);
        try {
            runAs.handOver(directory.root);
            long start = System.nanoTime();
            InitializedData.copy(cached.resolve("data"), directory.data(), runAs);
            return System.nanoTime() - start;
        } finally {
            directory.delete();
        }
    }

    /** Nanoseconds from calling the embedded server's start to a server that accepts logins, then stops it. */
    public long boot() {
        long start = System.nanoTime();
        EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.from(
                Settings.of(Map.of(Settings.DATA_DIR, dataParent.toString()))));
        long took = System.nanoTime() - start;
        server.close();
        return took;
    }

    /** Bytes and files of the initialised data directory. */
    public String size() throws IOException {
        long[] bytes = {0};
        long files;
        try (var walk = Files.walk(cached.resolve("data"))) {
            files = walk.filter(Files::isRegularFile).peek(p -> bytes[0] += p.toFile().length()).count();
        }
        return files + " files, " + bytes[0] / (1024 * 1024) + " MiB";
    }
}
