package dev.taskstream.server.graph;

/**
 * Result of an import: of the {@code import_graph} task ({@code POST /projects/{id}/graph}) and of the
 * {@code import} command.
 *
 * @param entities items in the import's entity list (an id imported twice counts twice)
 * @param edges    items in the import's edge list
 * @param entitiesCreated entities the project did not have before; the rest of the ids were updated
 * @param edgesCreated    edges (source, target, relation) the project did not have before
 * @param bytes           bytes of input read (0 for a generated graph)
 */
public record ImportResult(String projectId, long entities, long edges, long entitiesCreated, long entitiesUpdated,
        long edgesCreated, long edgesUpdated, long bytes, long durationMs) {
}
