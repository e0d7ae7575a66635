package dev.taskstream.server.task;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a chatty handler from committing every progress step: at most {@code rate} steps per second
 * of one task are written, the in-between ones merged (the latest wins). The first step, the first
 * step of each new stage (after the stage's last step) and the last step are always written, and a
 * held step is written by a timer once its turn comes, so watchers see every stage's final state and
 * the seq ids stay consecutive (only written steps get one).
 */
final class ProgressCoalescer {
    private static final Logger log = LoggerFactory.getLogger(ProgressCoalescer.class);

    /** Commits one progress step (throws {@link TaskLostException} when the task was taken away). */
    @FunctionalInterface
    interface Writer {
        void write(int percent, String message);
    }

    private record Step(int percent, String message, String stage) {
    }

    private final long minIntervalNanos;
    private final ScheduledExecutorService timer;
    private final Writer writer;
    private boolean wroteAny;
    private long lastWriteNanos;
    private String lastStage;
    private Step held;
    private ScheduledFuture<?> heldFlush;

    /** {@code rate} steps per second at most; 0 or less writes every step. */
    ProgressCoalescer(double rate, ScheduledExecutorService timer, Writer writer) {
        this.minIntervalNanos = rate <= 0 ? 0 : (long) (1e9 / rate);
        this.timer = timer;
        this.writer = writer;
    }

    /**
     * The stage of a message: the message without its numbers, so "row 5 of 90" and "row 6 of 90" are
     * one stage and "Saving..." after them is a new one.
     */
    static String stageOf(String message) {
        return message == null ? "" : message.replaceAll("\\d+", "#");
    }

    /** A handler's step: written now, or held until the rate allows (replacing a held one). */
    synchronized void report(int percent, String message) {
        Step step = new Step(percent, message, stageOf(message));
        if (!wroteAny || minIntervalNanos == 0) {
            write(step);
        } else if (!step.stage().equals(lastStage)) {
            flush(); // the previous stage's final state first
            write(step);
        } else if (System.nanoTime() - lastWriteNanos >= minIntervalNanos) {
            write(step);
        } else {
            held = step;
            if (heldFlush == null) {
                long due = lastWriteNanos + minIntervalNanos - System.nanoTime();
                heldFlush = timer.schedule(this::flushOnTimer, Math.max(0, due), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Writes the held step, if any: the handler's last step before its task ends. */
    synchronized void flush() {
        if (held != null) {
            write(held);
        }
    }

    private synchronized void flushOnTimer() {
        heldFlush = null;
        try {
            flush();
        } catch (RuntimeException e) {
            // Still held: the handler's next step or its final flush writes it or reports the failure.
            log.debug("writing a held progress step failed", e);
        }
    }

    private void write(Step step) {
        writer.write(step.percent(), step.message());
        wroteAny = true;
        lastWriteNanos = System.nanoTime();
        lastStage = step.stage();
        held = null;
        if (heldFlush != null) {
            heldFlush.cancel(false);
            heldFlush = null;
        }
    }
}
