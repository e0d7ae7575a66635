package dev.taskstream.server.graph;

import dev.taskstream.server.db.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * H2 (no COPY): rows go in JDBC batches of {@value #BATCH_SIZE}, either straight into the graph tables of a
 * project without rows or into the import's keyed staging tables, merged afterwards; see {@link GraphWriter}.
 */
final class H2GraphWriter implements GraphWriter {
    static final int BATCH_SIZE = 5_000;

    private final GraphDao.H2 dao;
    private final String projectId;
    private final boolean direct;
    private final List<GraphDao.EntityRow> entities = new ArrayList<>(BATCH_SIZE);
    private final List<GraphDao.EdgeRow> edges = new ArrayList<>(BATCH_SIZE);

    private H2GraphWriter(Handle h, String projectId, boolean direct) {
        this.dao = h.attach(GraphDao.H2.class);
        this.projectId = projectId;
        this.direct = direct;
    }

    static H2GraphWriter direct(Handle h, String projectId) {
        return new H2GraphWriter(h, projectId, true);
    }

    static H2GraphWriter staged(Handle h, String projectId) {
        return new H2GraphWriter(h, projectId, false);
    }

    @Override
    public void entity(long seq, String id, String name, String type, String properties) {
        entities.add(new GraphDao.EntityRow(seq, id, name, type, properties));
        if (entities.size() >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public void edge(long seq, String source, String target, String relation, double weight) {
        edges.add(new GraphDao.EdgeRow(seq, source, target, relation, weight));
        if (edges.size() >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public Counts finish(long entityItems, long edgeItems) {
        flush();
        if (direct) {
            if (dao.hasDanglingEdge(projectId, "source") || dao.hasDanglingEdge(projectId, "target")) {
                throw new NeedsStaging("an edge names an unknown entity");
            }
            return new Counts(entityItems, 0, edgeItems, 0);
        }
        GraphWriter.checkStagedEnds(dao, projectId);
        // H2's MERGE does not tell inserts from updates: counts before and after (one writer per project).
        long entitiesBefore = dao.countEntities(projectId);
        dao.mergeEntities(projectId);
        long entitiesCreated = dao.countEntities(projectId) - entitiesBefore;
        long edgesBefore = dao.countEdges(projectId);
        dao.mergeEdges(projectId);
        long edgesCreated = dao.countEdges(projectId) - edgesBefore;
        return new Counts(entitiesCreated, dao.countStagedEntities() - entitiesCreated,
                edgesCreated, dao.countStagedEdges() - edgesCreated);
    }

    @Override
    public void close() {
        // nothing held between batches
    }

    private void flush() {
        try {
            if (!entities.isEmpty()) {
                if (direct) {
                    dao.insertEntities(projectId, entities);
                } else {
                    dao.stageEntities(entities);
                }
                entities.clear();
            }
            if (!edges.isEmpty()) {
                if (direct) {
                    dao.insertEdges(projectId, edges);
                } else {
                    dao.stageEdges(edges);
                }
                edges.clear();
            }
        } catch (RuntimeException e) {
            if (direct && SqlErrors.isUniqueViolation(e)) {
                throw new NeedsStaging("a key repeats in the import");
            }
            throw e;
        }
    }
}
