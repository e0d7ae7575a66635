package dev.taskstream.server.graph;

import dev.taskstream.server.db.Dialect;
import dev.taskstream.shared.api.GraphStats;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlScript;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL of the graph tables. An import into a project with rows stages them in session-private tables, then
 * merges them in one set-based statement per table; staging and merge differ between the databases, so each
 * dialect has its own sub-interface ({@link #forDialect}, chosen once by the caller); everything else is
 * portable. The bulk writes themselves are in {@link GraphWriter}'s implementations.
 */
public interface GraphDao {

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

    /** Entities and edges of the project: the rows {@link #streamGraph} will stream. */
    @SqlQuery("SELECT (SELECT COUNT(*) FROM graph_entities WHERE project_id = :projectId)"
            + " + (SELECT COUNT(*) FROM graph_edges WHERE project_id = :projectId)")
    long countGraphRows(String projectId);

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

    /** An edge's end that is no entity of the project: the edge's {@code seq} in its import and the id it names. */
    record Dangling(long seq, String id) {
    }

    /**
     * Direct writes: does any edge of the (until now empty) project name an {@code end} ({@code source} or
     * {@code target}) that is no entity of it?
     */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM graph_edges s WHERE s.project_id = :projectId AND NOT EXISTS"
            + " (SELECT 1 FROM graph_entities g WHERE g.project_id = :projectId AND g.id = s.<end>))")
    boolean hasDanglingEdge(String projectId, @Define("end") String end);

    /** Staged writes: the earliest staged edge whose {@code end} is neither a staged entity nor one of the project. */
    @SqlQuery("SELECT s.seq, s.<end> AS id FROM import_edges s"
            + " WHERE NOT EXISTS (SELECT 1 FROM import_entities e WHERE e.id = s.<end>)"
            + " AND NOT EXISTS (SELECT 1 FROM graph_entities g WHERE g.project_id = :projectId AND g.id = s.<end>)"
            + " ORDER BY s.seq LIMIT 1")
    @RegisterConstructorMapper(Dangling.class)
    Optional<Dangling> firstStagedDangling(String projectId, @Define("end") String end);

    /** Creates this session's staging tables for one import (dropped first if a failed import left them). */
    void createStaging();

    /** Drops this session's staging tables. */
    @SqlScript("DROP TABLE IF EXISTS import_entities")
    @SqlScript("DROP TABLE IF EXISTS import_edges")
    void dropStaging();

    /**
     * Postgres: staging tables are session-private TEMP tables, filled by COPY (see {@link PostgresGraphWriter});
     * the last row of a key wins ({@code seq}); then per table one UPDATE of the keys the project has (where a
     * value differs) and one INSERT of the others, whose count is the import's created count; the keys the
     * project had are the distinct staged keys less the created ones.
     */
    interface Postgres extends GraphDao {
        @Override
        @SqlScript("DROP TABLE IF EXISTS import_entities")
        @SqlScript("DROP TABLE IF EXISTS import_edges")
        @SqlScript("CREATE TEMP TABLE import_entities (seq BIGINT NOT NULL, id VARCHAR(200) NOT NULL,"
                + " name VARCHAR(500) NOT NULL, type VARCHAR(100) NOT NULL, properties VARCHAR)")
        @SqlScript("CREATE TEMP TABLE import_edges (seq BIGINT NOT NULL, source VARCHAR(200) NOT NULL,"
                + " target VARCHAR(200) NOT NULL, relation VARCHAR(100) NOT NULL, weight DOUBLE PRECISION NOT NULL)")
        void createStaging();

        /** Temp tables are never auto-analyzed: without statistics the planner guesses the joins below. */
        @SqlScript("ANALYZE import_entities")
        @SqlScript("ANALYZE import_edges")
        void analyzeStaging();

        /** Refreshes the planner's view of the graph tables after a direct write (the edge-end checks join them). */
        @SqlScript("ANALYZE graph_entities")
        @SqlScript("ANALYZE graph_edges")
        void analyzeGraph();

        @SqlQuery("SELECT COUNT(DISTINCT id) FROM import_entities")
        long countStagedEntityKeys();

        @SqlQuery("SELECT COUNT(*) FROM (SELECT DISTINCT source, target, relation FROM import_edges) k")
        long countStagedEdgeKeys();

        /**
         * An UPDATE of the ids the project has, then a plain INSERT of the others: measured 1.5x faster than
         * one INSERT ... ON CONFLICT DO UPDATE of 10^6 rows. Rows whose values do not change are not rewritten:
         * re-importing 10^6 unchanged edges took 36-38 s with them rewritten, 5.1 s without.
         */
        @SqlUpdate("UPDATE graph_entities g SET name = s.name, type = s.type, properties = s.properties"
                + " FROM (SELECT DISTINCT ON (id) id, name, type, properties FROM import_entities ORDER BY id, seq DESC) s"
                + " WHERE g.project_id = :projectId AND g.id = s.id"
                + " AND (g.name, g.type, g.properties) IS DISTINCT FROM (s.name, s.type, s.properties)")
        void updateEntities(String projectId);

        @SqlUpdate("INSERT INTO graph_entities (project_id, id, name, type, properties)"
                + " SELECT DISTINCT ON (id) :projectId, id, name, type, properties FROM import_entities s"
                + " WHERE NOT EXISTS (SELECT 1 FROM graph_entities g WHERE g.project_id = :projectId AND g.id = s.id)"
                + " ORDER BY id, seq DESC")
        long insertNewEntities(String projectId);

        @SqlUpdate("UPDATE graph_edges g SET weight = s.weight"
                + " FROM (SELECT DISTINCT ON (source, target, relation) source, target, relation, weight"
                + " FROM import_edges ORDER BY source, target, relation, seq DESC) s"
                + " WHERE g.project_id = :projectId AND g.source = s.source AND g.target = s.target"
                + " AND g.relation = s.relation AND g.weight IS DISTINCT FROM s.weight")
        void updateEdges(String projectId);

        /** Inserted in key order, which keeps the primary key's index writes local. */
        @SqlUpdate("INSERT INTO graph_edges (project_id, source, target, relation, weight)"
                + " SELECT DISTINCT ON (source, target, relation) :projectId, source, target, relation, weight"
                + " FROM import_edges s WHERE NOT EXISTS (SELECT 1 FROM graph_edges g WHERE g.project_id = :projectId"
                + " AND g.source = s.source AND g.target = s.target AND g.relation = s.relation)"
                + " ORDER BY source, target, relation, seq DESC")
        long insertNewEdges(String projectId);
    }

    /**
     * H2: staging tables are session-private LOCAL TEMPORARY tables keyed like the graph tables, filled by
     * batched MERGE (so the last row of a key wins, and the count of a staging table is the count of distinct
     * keys; see {@link H2GraphWriter}), then one MERGE ... KEY ... SELECT per table.
     */
    interface H2 extends GraphDao {
        @Override
        @SqlScript("DROP TABLE IF EXISTS import_entities")
        @SqlScript("DROP TABLE IF EXISTS import_edges")
        @SqlScript("CREATE LOCAL TEMPORARY TABLE import_entities (id VARCHAR(200) PRIMARY KEY, seq BIGINT NOT NULL,"
                + " name VARCHAR(500) NOT NULL, type VARCHAR(100) NOT NULL, properties VARCHAR)")
        @SqlScript("CREATE LOCAL TEMPORARY TABLE import_edges (source VARCHAR(200) NOT NULL,"
                + " target VARCHAR(200) NOT NULL, relation VARCHAR(100) NOT NULL, seq BIGINT NOT NULL,"
                + " weight DOUBLE PRECISION NOT NULL, PRIMARY KEY (source, target, relation))")
        void createStaging();

        @SqlQuery("SELECT COUNT(*) FROM import_entities")
        long countStagedEntities();

        @SqlQuery("SELECT COUNT(*) FROM import_edges")
        long countStagedEdges();

        @SqlQuery("SELECT COUNT(*) FROM graph_entities WHERE project_id = :projectId")
        long countEntities(String projectId);

        @SqlUpdate("MERGE INTO graph_entities (project_id, id, name, type, properties) KEY (project_id, id)"
                + " SELECT :projectId, id, name, type, properties FROM import_entities")
        void mergeEntities(String projectId);

        @SqlUpdate("MERGE INTO graph_edges (project_id, source, target, relation, weight)"
                + " KEY (project_id, source, target, relation) SELECT :projectId, source, target, relation, weight"
                + " FROM import_edges")
        void mergeEdges(String projectId);
    }
}
