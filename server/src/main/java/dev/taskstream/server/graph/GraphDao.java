package dev.taskstream.server.graph;

import dev.taskstream.server.db.Dialect;
import dev.taskstream.shared.api.GraphStats;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * SQL of the graph tables. The upserts differ between the databases, so each dialect has its own
 * sub-interface ({@link #forDialect}, chosen once by the caller); everything else is portable.
 */
public interface GraphDao {

    /** One entity as imported. */
    record EntityRow(String projectId, String id, String name, String type, String properties) {
    }

    /** One edge as imported. */
    record EdgeRow(String projectId, String source, String target, String relation, double weight) {
    }

    /**
     * One row of the graph load: an entity ({@code kind} 0: {@code a} id, {@code b} name, {@code c} type)
     * or an edge ({@code kind} 1: {@code a} source, {@code b} target, {@code c} relation, {@code w} weight).
     */
    record GraphRow(int kind, String a, String b, String c, Double w) {
        public boolean isEntity() {
            return kind == 0;
        }
    }

    /** The DAO type whose upserts speak the dialect of this database. */
    static Class<? extends GraphDao> forDialect(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? Postgres.class : H2.class;
    }

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM graph_entities WHERE project_id = :projectId)")
    boolean hasEntities(String projectId);

    /** Counts of the project's entities, edges and current communities (empty: no such project). */
    @SqlQuery("SELECT id AS project_id,"
            + " (SELECT COUNT(*) FROM graph_entities WHERE project_id = :projectId) AS entities,"
            + " (SELECT COUNT(*) FROM graph_edges WHERE project_id = :projectId) AS edges,"
            + " (SELECT COUNT(*) FROM communities WHERE project_id = :projectId) AS communities"
            + " FROM projects WHERE id = :projectId")
    @RegisterConstructorMapper(GraphStats.class)
    Optional<GraphStats> stats(String projectId);

    @SqlQuery("SELECT COUNT(*) FROM graph_edges WHERE project_id = :projectId")
    long countEdges(String projectId);

    /** Streams the ids of the project's entities. */
    @SqlQuery("SELECT id FROM graph_entities WHERE project_id = :projectId")
    @FetchSize(10_000)
    void entityIds(String projectId, Consumer<String> ids);

    /**
     * Streams the project's entities and edges in one query, in any order, fetched in chunks (Postgres
     * streams by fetch size only inside a transaction: the caller opens one).
     */
    @SqlQuery("SELECT 0 AS kind, id AS a, name AS b, type AS c, CAST(NULL AS DOUBLE PRECISION) AS w"
            + " FROM graph_entities WHERE project_id = :projectId"
            + " UNION ALL SELECT 1, source, target, relation, weight FROM graph_edges WHERE project_id = :projectId")
    @FetchSize(10_000)
    @RegisterConstructorMapper(GraphRow.class)
    void streamGraph(String projectId, Consumer<GraphRow> rows);

    /** Inserts the entities, or replaces name, type and properties of those that exist. */
    void upsertEntities(List<EntityRow> rows);

    /** Inserts the edges, or replaces the weight of those that exist. */
    void upsertEdges(List<EdgeRow> rows);

    /** Postgres: INSERT ... ON CONFLICT. */
    interface Postgres extends GraphDao {
        @Override
        @SqlBatch("INSERT INTO graph_entities (project_id, id, name, type, properties)"
                + " VALUES (:projectId, :id, :name, :type, :properties) ON CONFLICT (project_id, id)"
                + " DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, properties = EXCLUDED.properties")
        void upsertEntities(@BindMethods List<EntityRow> rows);

        @Override
        @SqlBatch("INSERT INTO graph_edges (project_id, source, target, relation, weight)"
                + " VALUES (:projectId, :source, :target, :relation, :weight)"
                + " ON CONFLICT (project_id, source, target, relation) DO UPDATE SET weight = EXCLUDED.weight")
        void upsertEdges(@BindMethods List<EdgeRow> rows);
    }

    /** H2: MERGE ... KEY. */
    interface H2 extends GraphDao {
        @Override
        @SqlBatch("MERGE INTO graph_entities (project_id, id, name, type, properties) KEY (project_id, id)"
                + " VALUES (:projectId, :id, :name, :type, :properties)")
        void upsertEntities(@BindMethods List<EntityRow> rows);

        @Override
        @SqlBatch("MERGE INTO graph_edges (project_id, source, target, relation, weight)"
                + " KEY (project_id, source, target, relation) VALUES (:projectId, :source, :target, :relation, :weight)")
        void upsertEdges(@BindMethods List<EdgeRow> rows);
    }
}
