package dev.taskstream.server.community;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Community-detection algorithms, with the names used on the wire ("leiden", "label_propagation"). */
public enum Algorithm {
    LEIDEN("leiden"),
    LABEL_PROPAGATION("label_propagation");

    private final String wireName;

    Algorithm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a wire name (case-insensitive, surrounding blanks ignored). */
    public static Algorithm fromWireName(String name) {
        if (name != null) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (Algorithm a : values()) {
                if (a.wireName.equals(wanted)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("unknown community detection algorithm '" + name
                + "'; allowed: " + allowedNames());
    }

    /** The allowed wire names, comma-separated, for error messages. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(Algorithm::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
