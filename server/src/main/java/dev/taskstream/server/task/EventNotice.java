package dev.taskstream.server.task;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The NOTIFY payload that tells other server processes which events one transaction committed:
 * {@code node|task|seq[|task|seq...]}. One event is the old single-event form, so a payload with one
 * pair reads the same either way; several events of one commit share one payload (split below
 * Postgres' 8,000-byte limit).
 */
public record EventNotice(String nodeId, List<Ref> events) {
    /** One committed event: its task and seq. */
    public record Ref(UUID taskId, long seq) {
    }

    /** Postgres refuses payloads of 8,000 bytes or more; stay well below. */
    static final int MAX_PAYLOAD = 7_000;

    /** The payloads announcing {@code events}, as few as fit. */
    static List<String> payloads(String nodeId, List<TaskEvent> events) {
        List<String> payloads = new ArrayList<>();
        StringBuilder current = new StringBuilder(nodeId);
        for (TaskEvent e : events) {
            String pair = "|" + e.taskId() + "|" + e.seq();
            if (current.length() > nodeId.length() && current.length() + pair.length() > MAX_PAYLOAD) {
                payloads.add(current.toString());
                current = new StringBuilder(nodeId);
            }
            current.append(pair);
        }
        if (current.length() > nodeId.length()) {
            payloads.add(current.toString());
        }
        return payloads;
    }

    /** Reads a payload; throws {@link IllegalArgumentException} for one this version did not write. */
    public static EventNotice parse(String payload) {
        String[] parts = payload.split("\\|");
        if (parts.length < 3 || parts.length % 2 == 0) {
            throw new IllegalArgumentException("not an event notice: " + payload);
        }
        List<Ref> refs = new ArrayList<>(parts.length / 2);
        for (int i = 1; i < parts.length; i += 2) {
            refs.add(new Ref(UUID.fromString(parts[i]), Long.parseLong(parts[i + 1])));
        }
        return new EventNotice(parts[0], refs);
    }
}
