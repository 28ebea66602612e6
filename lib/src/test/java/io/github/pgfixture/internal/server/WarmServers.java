package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.nio.file.Path;

/** For tests outside this package: what {@code java -jar pgfixture.jar stop} does. */
public final class WarmServers {

    private WarmServers() {
    }

    /** Stops every warm server under {@code warmDir} that no JVM uses, and removes its folders. */
    public static void stopAll(Path warmDir) throws IOException {
        WarmKeeper.stop(warmDir, System.out);
    }
}
