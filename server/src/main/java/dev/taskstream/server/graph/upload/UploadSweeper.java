package dev.taskstream.server.graph.upload;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node sweeps, every {@link #EVERY}, the uploads no task will read any more: those of tasks that ended
 * without their worker removing the upload (cancelled while pending, failed by the reaper after their process
 * died) and those abandoned before their task was created. The worker removes its own upload at once; this is
 * the net under it. The sweep is one DELETE, harmless when several nodes run it at the same time.
 */
public final class UploadSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UploadSweeper.class);
    static final Duration EVERY = Duration.ofSeconds(5);

    private final UploadStore uploads;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upload-sweeper");
        t.setDaemon(true);
        return t;
    });

    private UploadSweeper(UploadStore uploads) {
        this.uploads = uploads;
    }

    /** Sweeps now and then every {@link #EVERY}. */
    public static UploadSweeper start(UploadStore uploads) {
        UploadSweeper sweeper = new UploadSweeper(uploads);
        sweeper.timer.scheduleWithFixedDelay(sweeper::sweep, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return sweeper;
    }

    private void sweep() {
        try {
            int removed = uploads.sweep();
            if (removed > 0) {
                log.info("removed {} import upload(s) that no task will read (ended or abandoned)", removed);
            }
        } catch (RuntimeException e) {
            log.warn("sweeping import uploads failed (will retry): {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
