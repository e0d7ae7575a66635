package dev.taskstream.server.stream;

import java.time.Duration;

/**
 * @param heartbeat    interval of {@code : ping} comments on an idle stream
 * @param retry        the {@code retry:} value sent to clients (their reconnect delay)
 * @param bufferEvents frames buffered per client before a client that cannot keep up is dropped
 * @param maxStreamsPerClient open streams allowed per client address (0: no limit)
 * @param maxStreams   open streams allowed in total (0: no limit)
 */
public record StreamSettings(Duration heartbeat, Duration retry, int bufferEvents, int maxStreamsPerClient,
        int maxStreams) {
}
