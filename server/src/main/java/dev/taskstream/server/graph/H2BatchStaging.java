package dev.taskstream.server.graph;

import java.util.ArrayList;
import java.util.List;

/** H2: staging rows go in JDBC batches of {@value #BATCH_SIZE} (H2 has no COPY); see {@link GraphStaging}. */
final class H2BatchStaging implements GraphStaging {
    static final int BATCH_SIZE = 5_000;

    private final GraphDao.H2 dao;
    private final List<GraphDao.EntityRow> entities = new ArrayList<>(BATCH_SIZE);
    private final List<GraphDao.EdgeRow> edges = new ArrayList<>(BATCH_SIZE);

    H2BatchStaging(GraphDao.H2 dao) {
        this.dao = dao;
    }

    @Override
    public void entity(String id, String name, String type, String properties) {
        entities.add(new GraphDao.EntityRow(id, name, type, properties));
        if (entities.size() >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public void edge(String source, String target, String relation, double weight) {
        edges.add(new GraphDao.EdgeRow(source, target, relation, weight));
        if (edges.size() >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public long merge(String projectId) {
        flush();
        dao.mergeEntities(projectId);
        return dao.mergeEdges(projectId);
    }

    private void flush() {
        if (!entities.isEmpty()) {
            dao.stageEntities(entities);
            entities.clear();
        }
        if (!edges.isEmpty()) {
            dao.stageEdges(edges);
            edges.clear();
        }
    }
}
