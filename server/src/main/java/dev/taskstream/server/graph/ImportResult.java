package dev.taskstream.server.graph;

/**
 * Result of an import: of the {@code import_graph} task ({@code POST /projects/{id}/graph}) and of the
 * {@code import} command. Every item is counted once: created, updated or a duplicate.
 *
 * @param entities items in the import's entity list (an id imported twice counts twice)
 * @param edges    items in the import's edge list
 * @param entitiesCreated    entities the project did not have before
 * @param entitiesUpdated    entities the project had, now as imported (rows whose values are unchanged are not rewritten)
 * @param entitiesDuplicates entity items that repeat an id of a later item of the same import (the last one wins)
 * @param edgesCreated       edges (source, target, relation) the project did not have before
 * @param edgesUpdated       edges the project had, now with the imported weight
 * @param edgesDuplicates    edge items that repeat the key of a later item of the same import (the last one wins)
 * @param bytes              bytes of input read (0 for a generated graph)
 */
public record ImportResult(String projectId, long entities, long edges, long entitiesCreated, long entitiesUpdated,
        long entitiesDuplicates, long edgesCreated, long edgesUpdated, long edgesDuplicates, long bytes,
        long durationMs) {
}
