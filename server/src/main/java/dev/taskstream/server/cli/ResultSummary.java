package dev.taskstream.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A finished task's result as one line a person reads at a glance, for {@code watch}: "24 communities · modularity
 * 0.861 · 2.5 s" for a rebuild, "1,200 entities · 11,987 edges · 1.4 s" for an import, and the result's plain fields
 * ("steps 5") for other tasks. The raw result stays one option away ({@code watch --json}).
 */
final class ResultSummary {
    private static final String SEP = " · ";

    private ResultSummary() {
    }

    /** The summary of {@code result}; empty when there is none. */
    static String of(JsonNode result) {
        if (result == null || !result.isObject()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (result.path("communities_count").isNumber()) {
            parts.add(count(result.get("communities_count").asLong(), "community", "communities"));
            if (result.path("modularity").isNumber()) {
                parts.add(String.format(Locale.ROOT, "modularity %.3f", result.get("modularity").asDouble()));
            }
        } else if (result.path("entities").isNumber() && result.path("edges").isNumber()) {
            parts.add(count(result.get("entities").asLong(), "entity", "entities"));
            parts.add(count(result.get("edges").asLong(), "edge", "edges"));
        } else {
            for (Map.Entry<String, JsonNode> f : result.properties()) {
                if (f.getValue().isValueNode() && !f.getKey().equals("duration_ms")) {
                    parts.add(f.getKey().replace('_', ' ') + " " + f.getValue().asText());
                }
            }
        }
        if (result.path("duration_ms").isNumber()) {
            parts.add(duration(result.get("duration_ms").asLong()));
        }
        return String.join(SEP, parts);
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    /** "850 ms", "2.5 s", "3 min 4 s". */
    static String duration(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        return s / 60 + " min " + s % 60 + " s";
    }
}
