package dev.taskstream.app.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Reads UI state on the FX thread (TestFX tests). */
public final class Fx {
    private Fx() {
    }

    public static <T> T get(Supplier<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(10, TimeUnit.SECONDS);
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
