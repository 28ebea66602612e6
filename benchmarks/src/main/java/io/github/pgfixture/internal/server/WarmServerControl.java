package io.github.pgfixture.internal.server;

import java.io.IOException;
import java.nio.file.Path;

/** The benchmarks' way to stop the warm servers they started (lib's package, not published). */
public final class WarmServerControl {

    private WarmServerControl() {
    }

    /** What {@code java -jar pgfixture.jar stop --dir warmDir} does. */
    public static void stopAll(Path warmDir) throws IOException {
        WarmKeeper.stop(warmDir, System.out);
    }
}
