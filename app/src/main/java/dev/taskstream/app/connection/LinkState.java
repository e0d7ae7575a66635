package dev.taskstream.app.connection;

/** How a view is connected to the server's live updates; shown as a coloured dot and a word. */
public enum LinkState {
    /** Nothing to watch. */
    IDLE("Idle"),
    /** First connection attempt. */
    CONNECTING("Connecting…"),
    /** The SSE stream is open: changes arrive the moment they are committed. */
    LIVE("Live"),
    /** The stream dropped; reconnecting (resuming from the last event, nothing is lost). */
    RECONNECTING("Reconnecting…"),
    /** The stream cannot be had (an error answer, a proxy that breaks SSE): asking every 2 s instead. */
    POLLING("Polling"),
    /** The server has not answered for a while; still retrying in the background. */
    OFFLINE("Offline"),
    /** The watched task ended; the stream is closed. */
    ENDED("Stream closed");

    private final String label;

    LinkState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** CSS class of the indicator, e.g. {@code link-live}. */
    public String styleClass() {
        return "link-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
