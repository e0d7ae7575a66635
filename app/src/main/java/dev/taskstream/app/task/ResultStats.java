package dev.taskstream.app.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.app.fx.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statistics of a finished task, from its {@code result}, as the card shows them: a caption, the value and a
 * tooltip that says what the number counts. A rebuild reports communities, members (its {@code edges_count}: one
 * membership per entity), graph edges (as linked pairs), modularity and duration; an {@code import_graph} task its entities and edges
 * read, created and updated, the bytes read and the duration. Fields the result does not have are shown as a dash.
 */
public record ResultStats(List<Stat> stats) {
    public static final String IMPORT_TASK = "import_graph";

    /** One tile: {@code key} names it (the view's id is {@code stat} + key), {@code value} is null when missing. */
    public record Stat(String key, String caption, Number value, String text, String tooltip) {
    }

    public ResultStats {
        stats = List.copyOf(stats);
    }

    /** Null when there is no result object. */
    public static ResultStats from(String taskName, JsonNode result) {
        if (result == null || !result.isObject()) {
            return null;
        }
        Builder b = new Builder(result);
        if (IMPORT_TASK.equals(taskName)) {
            b.count("Entities", "entities", "Entities in the imported file");
            b.count("Edges", "edges", "Edges in the imported file");
            b.count("EntitiesCreated", "entities_created", "Entities that were new to the project");
            b.count("EntitiesUpdated", "entities_updated", "Entities that existed and were updated");
            b.count("EdgesCreated", "edges_created", "Edges that were new to the project");
            b.count("EdgesUpdated", "edges_updated", "Edges that existed and were updated");
            Long bytes = b.longOrNull("bytes");
            b.add("Bytes", "Read", bytes, bytes == null ? null : Formats.bytes(bytes), "Size of the imported file");
        } else {
            b.count("Communities", "communities_count", "Communities found");
            b.count("Members", "edges_count", "Memberships saved: one per entity that belongs to a community");
            // graph_edges counts linked pairs (edges in both directions or of several relations count once), so
            // it is smaller than the graph's edge rows under the list; the caption says which it is
            Long pairs = b.longOrNull("graph_edges");
            b.add("GraphEdges", "Linked pairs", pairs, pairs == null ? null : Formats.count(pairs),
                    "Graph edges as the algorithm sees them: distinct pairs of entities linked by at least one edge");
            Double modularity = result.path("modularity").isNumber() ? result.get("modularity").asDouble() : null;
            b.add("Modularity", "Modularity", modularity,
                    modularity == null ? null : String.format(Locale.ROOT, "%.3f", modularity),
                    "How much denser the links are inside communities than between them (−0.5 to 1)");
        }
        Long ms = b.longOrNull("duration_ms");
        b.add("Duration", "Duration", ms, ms == null ? null : Formats.duration(ms), "Time the server took");
        return new ResultStats(b.stats);
    }

    /** The value of the tile {@code key} ("Communities", "Members", "GraphEdges", ...), or null. */
    public Number value(String key) {
        for (Stat s : stats) {
            if (s.key().equals(key)) {
                return s.value();
            }
        }
        return null;
    }

    /** The communities a rebuild found, or null. */
    public Long communities() {
        Number n = value("Communities");
        return n == null ? null : n.longValue();
    }

    private static final class Builder {
        private final JsonNode result;
        private final List<Stat> stats = new ArrayList<>();

        Builder(JsonNode result) {
            this.result = result;
        }

        Long longOrNull(String field) {
            JsonNode v = result.get(field);
            return v != null && v.isNumber() ? v.asLong() : null;
        }

        void count(String key, String field, String tooltip) {
            Long n = longOrNull(field);
            add(key, caption(key), n, n == null ? null : Formats.count(n), tooltip);
        }

        void add(String key, String caption, Number value, String text, String tooltip) {
            stats.add(new Stat(key, caption, value, text == null ? "–" : text, tooltip));
        }

        /** "EntitiesCreated" → "Entities created". */
        private static String caption(String key) {
            String spaced = key.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
            return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
        }
    }
}
