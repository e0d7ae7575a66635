package dev.taskstream.server.graph;

/**
 * Answer of an import ({@code POST /projects/{id}/graph} and the {@code import} command).
 *
 * @param entities items in the import's entity list (an id imported twice counts twice)
 * @param edges    items in the import's edge list
 * @param entitiesCreated entities the project did not have before; the rest of the ids were updated
 * @param edgesCreated    edges (source, target, relation) the project did not have before
 */
public record ImportResult(String projectId, long entities, long edges, long entitiesCreated, long entitiesUpdated,
        long edgesCreated, long edgesUpdated, long durationMs) {

    public boolean createdAnything() {
        return entitiesCreated > 0 || edgesCreated > 0;
    }
}
