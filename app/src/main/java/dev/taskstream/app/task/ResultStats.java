package dev.taskstream.app.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.app.fx.Formats;
import java.util.Locale;

/**
 * The statistics of a finished rebuild, from the task's {@code result}: {@code communities_count},
 * {@code edges_count} (membership edges, shown as "connections"), {@code modularity}, {@code duration_ms}.
 * Fields the result does not have are null and shown as a dash.
 */
public record ResultStats(Long communities, Long connections, Double modularity, Long durationMs, String algorithm,
        Long nodes) {

    /** Null when there is no result object. */
    public static ResultStats from(JsonNode result) {
        if (result == null || !result.isObject()) {
            return null;
        }
        return new ResultStats(longOrNull(result, "communities_count"), longOrNull(result, "edges_count"),
                result.path("modularity").isNumber() ? result.get("modularity").asDouble() : null,
                longOrNull(result, "duration_ms"),
                result.path("algorithm").isTextual() ? result.get("algorithm").asText() : null,
                longOrNull(result, "nodes"));
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    public String communitiesText() {
        return communities == null ? "–" : Formats.count(communities);
    }

    public String connectionsText() {
        return connections == null ? "–" : Formats.count(connections);
    }

    public String modularityText() {
        return modularity == null ? "–" : String.format(Locale.ROOT, "%.3f", modularity);
    }

    public String durationText() {
        return durationMs == null ? "–" : Formats.duration(durationMs);
    }
}
