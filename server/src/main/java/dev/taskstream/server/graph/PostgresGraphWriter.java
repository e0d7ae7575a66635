package dev.taskstream.server.graph;

import dev.taskstream.server.db.SqlErrors;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Postgres: rows stream by COPY ({@link CopyStreams}) either straight into the graph tables of a project
 * without rows (each row written once) or into the import's staging tables, merged afterwards; see
 * {@link GraphWriter}.
 */
final class PostgresGraphWriter implements GraphWriter {
    private final GraphDao.Postgres dao;
    private final String projectId;
    private final boolean direct;
    private final CopyStreams copy;
    private final CopyStreams.Table entities;
    private final CopyStreams.Table edges;

    private PostgresGraphWriter(Handle h, String projectId, boolean direct) {
        this.dao = h.attach(GraphDao.Postgres.class);
        this.projectId = projectId;
        this.direct = direct;
        try {
            this.copy = new CopyStreams(h.getConnection());
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        this.entities = new CopyStreams.Table(direct
                ? "COPY graph_entities (project_id, id, name, type, properties) FROM STDIN"
                : "COPY import_entities (seq, id, name, type, properties) FROM STDIN");
        this.edges = new CopyStreams.Table(direct
                ? "COPY graph_edges (project_id, source, target, relation, weight) FROM STDIN"
                : "COPY import_edges (seq, source, target, relation, weight) FROM STDIN");
    }

    /** Into the graph tables of {@code projectId}, which has no entities and no edges. */
    static PostgresGraphWriter direct(Handle h, String projectId) {
        return new PostgresGraphWriter(h, projectId, true);
    }

    /** Into the staging tables (which must exist), merged into {@code projectId} by {@link #finish}. */
    static PostgresGraphWriter staged(Handle h, String projectId) {
        return new PostgresGraphWriter(h, projectId, false);
    }

    @Override
    public void entity(long seq, String id, String name, String type, String properties) {
        (direct ? entities.text(projectId) : entities.number(seq)).text(id).text(name).text(type).text(properties);
        endRow(entities);
    }

    @Override
    public void edge(long seq, String source, String target, String relation, double weight) {
        (direct ? edges.text(projectId) : edges.number(seq)).text(source).text(target).text(relation).number(weight);
        endRow(edges);
    }

    @Override
    public Counts finish(long entityItems, long edgeItems) {
        try {
            copy.finish(entities, edges);
        } catch (SQLException e) {
            if (direct && SqlErrors.isUniqueViolation(e)) {
                throw new NeedsStaging("a key repeats in the import");
            }
            throw new UnableToExecuteStatementException(e, null);
        }
        if (direct) {
            dao.analyzeGraph();
            if (dao.hasDanglingEdge(projectId, "source") || dao.hasDanglingEdge(projectId, "target")) {
                throw new NeedsStaging("an edge names an unknown entity");
            }
            return new Counts(entityItems, 0, edgeItems, 0);
        }
        dao.analyzeStaging();
        GraphWriter.checkStagedEnds(dao, projectId);
        long entityKeys = dao.countStagedEntityKeys();
        long edgeKeys = dao.countStagedEdgeKeys();
        dao.updateEntities(projectId);
        long entitiesCreated = dao.insertNewEntities(projectId);
        dao.updateEdges(projectId);
        long edgesCreated = dao.insertNewEdges(projectId);
        return new Counts(entitiesCreated, entityKeys - entitiesCreated, edgesCreated, edgeKeys - edgesCreated);
    }

    @Override
    public void close() {
        copy.abort();
    }

    private void endRow(CopyStreams.Table table) {
        try {
            copy.endRow(table);
        } catch (SQLException e) {
            if (direct && SqlErrors.isUniqueViolation(e)) {
                throw new NeedsStaging("a key repeats in the import");
            }
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}
