package dev.taskstream.shared.api;

/** {@code GET /projects/{id}/graph/stats}. */
public record GraphStats(String projectId, long entities, long edges, long communities) {
}
