package dev.taskstream.server.graph;

import dev.taskstream.server.db.Database;
import dev.taskstream.shared.api.GraphStats;
import org.jdbi.v3.core.Jdbi;

/** Read side of the graph tables. */
public final class GraphStore {
    private final Jdbi jdbi;

    public GraphStore(Database db) {
        this.jdbi = db.jdbi();
    }

    /** Counts of the project's entities, edges and current communities (the project must exist). */
    public GraphStats stats(String projectId) {
        return jdbi.withHandle(h -> new GraphStats(projectId,
                h.createQuery("SELECT COUNT(*) FROM graph_entities WHERE project_id = :p").bind("p", projectId)
                        .mapTo(Long.class).one(),
                h.createQuery("SELECT COUNT(*) FROM graph_edges WHERE project_id = :p").bind("p", projectId)
                        .mapTo(Long.class).one(),
                h.createQuery("SELECT COUNT(*) FROM communities WHERE project_id = :p").bind("p", projectId)
                        .mapTo(Long.class).one()));
    }

    public boolean hasEntities(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM graph_entities WHERE project_id = :p")
                .bind("p", projectId).setMaxRows(1).mapTo(Integer.class).findOne().isPresent());
    }
}
