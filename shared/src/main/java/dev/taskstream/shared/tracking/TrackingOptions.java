package dev.taskstream.shared.tracking;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/**
 * How a {@link TaskTracker} connects. {@code pollInterval}: how often the task is read while the stream cannot be
 * had; {@code offlineAfterFailures}: failed reconnects before the connection counts as offline; {@code maxBackoff}:
 * the cap of the stream's reconnect delay; {@code streamUri} replaces the stream address (null: the server's
 * {@code /api/v1/tasks/{id}/stream}) for proxies that serve the stream elsewhere, and for tests;
 * {@code streamRetryInterval}: while polling, how often the stream is tried again (zero: never).
 */
public record TrackingOptions(Duration pollInterval, int offlineAfterFailures, Duration maxBackoff,
        Function<UUID, URI> streamUri, Duration streamRetryInterval) {
    public static final Duration DEFAULT_STREAM_RETRY = Duration.ofSeconds(30);

    public static TrackingOptions defaults() {
        return new TrackingOptions(Duration.ofSeconds(2), 3, Duration.ofSeconds(5), null, DEFAULT_STREAM_RETRY);
    }

    public TrackingOptions withStreamUri(Function<UUID, URI> uri) {
        return new TrackingOptions(pollInterval, offlineAfterFailures, maxBackoff, uri, streamRetryInterval);
    }

    public TrackingOptions withPollInterval(Duration interval) {
        return new TrackingOptions(interval, offlineAfterFailures, maxBackoff, streamUri, streamRetryInterval);
    }

    public TrackingOptions withStreamRetryInterval(Duration interval) {
        return new TrackingOptions(pollInterval, offlineAfterFailures, maxBackoff, streamUri, interval);
    }
}
