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
        add(entities, seq, id, name, type, properties);
        if (++pendingEntities >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public void edge(long seq, String source, String target, String relation, double weight) {
        add(edges, seq, source, target, relation, weight);
        if (++pendingEdges >= BATCH_SIZE) {
            flush();
        }
    }

    /**
     * Adds one row to a batch: first the project (direct) or the item's place in the import (staged), then the
     * row's three text columns and its last one (properties or weight).
     */
    private void add(PreparedStatement st, long seq, String a, String b, String c, Object last) {
        try {
            if (direct) {
                st.setString(1, projectId);
            } else {
                st.setLong(1, seq);
            }
            st.setString(2, a);
            st.setString(3, b);
            st.setString(4, c);
            st.setObject(5, last);
            st.addBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
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
