package dev.taskstream.shared.client;

import java.util.Objects;

/**
 * One dispatched Server-Sent Event.
 *
 * @param id    the event's "last event ID" as the WHATWG EventSource defines it: the value of the most recent
 *              {@code id:} field seen on this stream up to and including this event, or {@code null} when no id
 *              has been set (or it was reset with an empty {@code id:} field). It is what a reconnect sends as
 *              {@code Last-Event-ID}.
 * @param event the event type ({@code event:} field); {@code "message"} when the server sent none
 * @param data  the {@code data:} lines joined with {@code \n} (no trailing newline); never null
 */
public record SseEvent(String id, String event, String data) {

    /** The event type used when the server sends no {@code event:} field. */
    public static final String DEFAULT_EVENT = "message";

    public SseEvent {
        if (id != null && id.isEmpty()) {
            id = null;
        }
        event = (event == null || event.isEmpty()) ? DEFAULT_EVENT : event;
        Objects.requireNonNull(data, "data");
    }
}
