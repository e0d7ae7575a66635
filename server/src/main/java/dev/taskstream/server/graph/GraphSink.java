package dev.taskstream.server.graph;

/**
 * Receives the items of one import as a reader parses them. {@code where} names the item for error
 * messages (e.g. {@code edges[3]} or {@code line 7}); a rejected item throws {@link InvalidGraphException}.
 */
public interface GraphSink {
    /** @param type null means {@code entity}; @param propertiesJson a JSON object as text, or null */
    void entity(String where, String id, String name, String type, String propertiesJson);

    /** @param weight null means 1.0 */
    void edge(String where, String source, String target, String relation, Double weight);
}
