package dev.taskstream.app.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Reads UI state on the FX thread (TestFX tests). */
public final class Fx {
    private Fx() {
    }

    /**
     * As long as the tests' other waits: on a loaded machine (CI, load 12+) the FX thread was once seen busy for
     * over 10 s while a test server shut down, and a read that gives up then fails the whole test.
     */
    public static <T> T get(Supplier<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(Runnable r) {
        get(() -> {
            r.run();
            return null;
        });
    }
}
