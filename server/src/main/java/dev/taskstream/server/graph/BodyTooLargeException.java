package dev.taskstream.server.graph;

import java.io.IOException;

/** The import body grew past the configured limit while it was being read. */
public final class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
