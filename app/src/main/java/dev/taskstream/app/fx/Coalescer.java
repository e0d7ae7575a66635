package dev.taskstream.app.fx;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Collapses a burst of "something changed" signals from background threads into one task on the UI
 * thread: at most one {@code apply} is queued at any time, and it reads the latest state when it runs
 * (the producers keep that state in an {@link java.util.concurrent.atomic.AtomicReference} or a
 * concurrent map). A thousand progress events in a millisecond cost one UI update, and the last
 * state always wins: a signal raised while an apply runs schedules another one.
 */
public final class Coalescer {
    private final UiExecutor ui;
    private final Runnable apply;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public Coalescer(UiExecutor ui, Runnable apply) {
        this.ui = Objects.requireNonNull(ui);
        this.apply = Objects.requireNonNull(apply);
    }

    /** Thread-safe; cheap when an apply is already queued. */
    public void signal() {
        if (scheduled.compareAndSet(false, true)) {
            ui.execute(() -> {
                // clear first: a signal that arrives while we apply queues a fresh apply
                scheduled.set(false);
                apply.run();
            });
        }
    }
}
