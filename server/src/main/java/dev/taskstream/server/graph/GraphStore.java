package dev.taskstream.server.graph;

import dev.taskstream.server.db.Database;
import dev.taskstream.shared.api.GraphStats;

/** Read side of the graph tables. */
public final class GraphStore {
    private final GraphDao dao;

    public GraphStore(Database db) {
        this.dao = db.jdbi().onDemand(GraphDao.forDialect(db.dialect()));
    }

    /** Counts of the project's entities, edges and current communities (the project must exist). */
    public GraphStats stats(String projectId) {
        return dao.stats(projectId).orElse(new GraphStats(projectId, 0, 0, 0));
    }

    public boolean hasEntities(String projectId) {
        return dao.hasEntities(projectId);
    }
}
