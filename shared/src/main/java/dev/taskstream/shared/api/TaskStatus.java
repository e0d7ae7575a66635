package dev.taskstream.shared.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle of a task. On the wire the values are lower case. */
public enum TaskStatus {
    PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire value; throws IllegalArgumentException naming the allowed values. */
    @JsonCreator
    public static TaskStatus fromWire(String value) {
        for (TaskStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + value
                + "'; expected one of pending, processing, completed, failed, cancelled");
    }
}
