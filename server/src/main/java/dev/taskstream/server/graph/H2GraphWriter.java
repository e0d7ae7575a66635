package dev.taskstream.server.graph;

import dev.taskstream.server.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * H2 (no COPY): rows go in JDBC batches of {@value #BATCH_SIZE}, either straight into the graph tables of a
 * project without rows or into the import's keyed staging tables, merged afterwards; see {@link GraphWriter}.
 * The batches are plain JDBC on the handle's connection, like COPY on Postgres: binding each row through Jdbi
 * took about a third of the time of a direct import (docs/decisions.md).
 */
final class H2GraphWriter implements GraphWriter {
    static final int BATCH_SIZE = 5_000;

    private final GraphDao.H2 dao;
    private final String projectId;
    private final boolean direct;
    private final PreparedStatement entities;
    private final PreparedStatement edges;
    private int pendingEntities;
    private int pendingEdges;

    private H2GraphWriter(Handle h, String projectId, boolean direct) {
        this.dao = h.attach(GraphDao.H2.class);
        this.projectId = projectId;
        this.direct = direct;
        try {
            Connection c = h.getConnection();
            this.entities = c.prepareStatement(direct
                    ? "INSERT INTO graph_entities (project_id, id, name, type, properties) VALUES (?, ?, ?, ?, ?)"
                    : "MERGE INTO import_entities (seq, id, name, type, properties) KEY (id) VALUES (?, ?, ?, ?, ?)");
            this.edges = c.prepareStatement(direct
                    ? "INSERT INTO graph_edges (project_id, source, target, relation, weight) VALUES (?, ?, ?, ?, ?)"
                    : "MERGE INTO import_edges (seq, source, target, relation, weight) KEY (source, target, relation)"
                    + " VALUES (?, ?, ?, ?, ?)");
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    static H2GraphWriter direct(Handle h, String projectId) {
        return new H2GraphWriter(h, projectId, true);
    }

    static H2GraphWriter staged(Handle h, String projectId) {
        return new H2GraphWriter(h, projectId, false);
    }

    @Override
    public void entity(long seq, String id, String name, String type, String properties) {
        try {
            first(entities, seq);
            entities.setString(2, id);
            entities.setString(3, name);
            entities.setString(4, type);
            entities.setString(5, properties);
            entities.addBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        if (++pendingEntities >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public void edge(long seq, String source, String target, String relation, double weight) {
        try {
            first(edges, seq);
            edges.setString(2, source);
            edges.setString(3, target);
            edges.setString(4, relation);
            edges.setDouble(5, weight);
            edges.addBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        if (++pendingEdges >= BATCH_SIZE) {
            flush();
        }
    }

    /** The first column: the project (direct) or the item's place in the import (staged). */
    private void first(PreparedStatement st, long seq) throws SQLException {
        if (direct) {
            st.setString(1, projectId);
        } else {
            st.setLong(1, seq);
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
        try {
            entities.close();
            edges.close();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private void flush() {
        try {
            if (pendingEntities > 0) {
                entities.executeBatch();
                pendingEntities = 0;
            }
            if (pendingEdges > 0) {
                edges.executeBatch();
                pendingEdges = 0;
            }
        } catch (SQLException e) {
            if (direct && SqlErrors.isUniqueViolation(e)) {
                throw new NeedsStaging("a key repeats in the import");
            }
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}
