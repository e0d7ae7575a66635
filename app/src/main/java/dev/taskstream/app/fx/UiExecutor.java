package dev.taskstream.app.fx;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * Where view models apply their state to JavaFX properties: the FX application thread in the app
 * ({@link #fx()}); in view-model tests any single thread that plays its role.
 */
@FunctionalInterface
public interface UiExecutor extends Executor {

    /** {@link Platform#runLater}. */
    static UiExecutor fx() {
        return Platform::runLater;
    }
}
