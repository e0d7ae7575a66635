package dev.taskstream.shared.client;

import java.io.IOException;

/** No bytes (events or heartbeat comments) arrived within the idle timeout; the connection is presumed dead. */
public class SseIdleTimeoutException extends IOException {
    public SseIdleTimeoutException(String message) {
        super(message);
    }
}
