package dev.taskstream.shared.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental parser for the {@code text/event-stream} format, following the WHATWG HTML "Server-sent events"
 * interpretation rules.
 *
 * <ul>
 *   <li>Lines end in LF, CR or CRLF (a CRLF split across two {@link #feed} calls is handled).</li>
 *   <li>One leading UTF-8 byte order mark is ignored.</li>
 *   <li>Lines starting with {@code :} are comments; they are reported to {@link Handler#onComment} (servers use
 *       them as heartbeats). One leading space after the colon is removed.</li>
 *   <li>{@code data} lines are joined with {@code \n}; {@code event} sets the type; {@code id} sets the last event
 *       id unless the value contains NUL; {@code retry} is honoured only when it consists of ASCII digits.</li>
 *   <li>A blank line dispatches the event; an event without any {@code data} line is not dispatched (but its id
 *       still becomes the last event id, as the spec says).</li>
 *   <li>At end of input ({@link #finish()}) a partial line and a partial event are discarded.</li>
 * </ul>
 *
 * <p>Bytes are decoded as UTF-8 one complete line at a time, so multi-byte characters split across chunks are fine.
 * A single line longer than {@link #maxLineBytes} raises {@link SseProtocolException} instead of exhausting memory.
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class SseParser {

    /** Receives parse results, on the thread that feeds the parser. */
    public interface Handler {
        void onEvent(SseEvent event);

        /** A comment line (without the leading colon and one optional space), e.g. {@code "ping"}. */
        default void onComment(String comment) {
        }

        /** A valid {@code retry:} field, in milliseconds. */
        default void onRetry(long millis) {
        }
    }

    /** Default limit for one line: 8 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

    private final Handler handler;
    private final int maxLineBytes;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipNextLf;
    private boolean firstLine = true;

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType = "";
    private String lastEventIdBuffer;
    private String lastEventId;

    public SseParser(Handler handler) {
        this(handler, null, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * @param initialLastEventId the last event id known from an earlier connection (may be null); events without an
     *                           {@code id:} field carry it, as an EventSource's do after a reconnect
     */
    public SseParser(Handler handler, String initialLastEventId, int maxLineBytes) {
        this.handler = Objects.requireNonNull(handler, "handler");
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
        this.lastEventIdBuffer = initialLastEventId;
        this.lastEventId = initialLastEventId;
    }

    /** The last event id committed by a dispatch (blank line); null when none. This is what to send on reconnect. */
    public String lastEventId() {
        return lastEventId == null || lastEventId.isEmpty() ? null : lastEventId;
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Feeds a chunk of the stream; complete lines are interpreted immediately. */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (skipNextLf) {
                skipNextLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                endOfLine();
            } else if (b == '\r') {
                endOfLine();
                skipNextLf = true;
            } else {
                append(b);
            }
        }
    }

    /**
     * Feeds one complete line (without its terminator), e.g. from a line-oriented source. Do not mix with partial
     * byte chunks that end mid-line.
     */
    public void feedLine(String text) {
        skipNextLf = false;
        processLine(firstLine ? stripBom(text) : text);
        firstLine = false;
    }

    /** End of input: discards an incomplete line and an incomplete event, as the spec requires. */
    public void finish() {
        lineLength = 0;
        skipNextLf = false;
        lastEventIdBuffer = lastEventId; // an id inside the discarded partial event never took effect
        resetEvent();
    }

    /**
     * Reads {@code in} to its end, feeding every chunk, then calls {@link #finish()}. Returns when the stream ends;
     * an {@link IOException} (including one caused by closing the stream from another thread) propagates.
     */
    public void readAll(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            feed(buffer, 0, n);
        }
        finish();
    }

    private void append(byte b) {
        if (lineLength >= maxLineBytes) {
            lineLength = 0;
            throw new SseProtocolException("SSE line longer than " + maxLineBytes + " bytes");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, (int) Math.min((long) maxLineBytes, 2L * line.length));
        }
        line[lineLength++] = b;
    }

    private void endOfLine() {
        int start = 0;
        if (firstLine) {
            firstLine = false;
            if (lineLength >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
                start = 3;
            }
        }
        String text = new String(line, start, lineLength - start, StandardCharsets.UTF_8);
        lineLength = 0;
        if (line.length > 64 * 1024) {
            line = new byte[256]; // don't keep a huge buffer after one huge line
        }
        processLine(text);
    }

    private static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    private void processLine(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            handler.onComment(text.startsWith(": ") ? text.substring(2) : text.substring(1));
            return;
        }
        int colon = text.indexOf(':');
        String field;
        String value;
        if (colon < 0) {
            field = text;
            value = "";
        } else {
            field = text.substring(0, colon);
            int valueStart = colon + 1;
            if (valueStart < text.length() && text.charAt(valueStart) == ' ') {
                valueStart++;
            }
            value = text.substring(valueStart);
        }
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventIdBuffer = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    long millis = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
                    handler.onRetry(millis);
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
    }

    private void dispatch() {
        lastEventId = lastEventIdBuffer;
        if (!hasData) {
            resetEvent();
            return;
        }
        SseEvent event = new SseEvent(lastEventId(), eventType, data.toString());
        resetEvent();
        handler.onEvent(event);
    }

    private void resetEvent() {
        data.setLength(0);
        hasData = false;
        eventType = "";
    }
}
