package dev.taskstream.server.graph;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports entities and edges into a project: streamed (the input is never held whole in memory),
 * written in JDBC batches, all in one transaction, so an invalid item anywhere rejects the whole
 * import and leaves the database as it was.
 *
 * <p>Rules: entity ids merge (an id imported again replaces name, type and properties); an edge
 * (source, target, relation) imported again replaces its weight; both ends of an edge must be
 * entities of the project, from this import (before or after the edge) or from earlier ones;
 * self-loops are rejected; weights must be finite and greater than 0 (default 1.0). A missing
 * project is created, with its id as its name.
 */
public final class GraphImporter {
    static final int BATCH_SIZE = 2_000;
    static final int MAX_ID = 200;
    static final int MAX_NAME = 500;
    static final int MAX_TYPE = 100;
    static final int MAX_RELATION = 100;
    static final int MAX_PROPERTIES = 65_536;
    static final String DEFAULT_TYPE = "entity";

    private final Database db;
    private final Clock clock;

    public GraphImporter(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Reads {@code in} in the given format; at most {@code maxBytes} are read (else {@link BodyTooLargeException}). */
    public ImportResult importStream(String projectId, InputStream in, ImportFormat format, long maxBytes)
            throws IOException {
        InputStream limited = maxBytes == Long.MAX_VALUE ? in : new LimitedInputStream(in, maxBytes);
        return run(projectId, null, sink -> {
            if (format == ImportFormat.CSV) {
                CsvGraphReader.read(limited, sink);
            } else {
                JsonGraphReader.read(limited, sink);
            }
        });
    }

    /** Source of items that calls the sink (a reader of a body or file, or a generator). */
    @FunctionalInterface
    public interface GraphSource {
        void emit(GraphSink sink) throws IOException;
    }

    /**
     * Runs one import from any source. {@code projectName} names the project if the import creates
     * it (null: its id).
     */
    public ImportResult run(String projectId, String projectName, GraphSource source) throws IOException {
        long started = System.nanoTime();
        try {
            return db.jdbi().inTransaction(h -> {
                try {
                    return run(h.getConnection(), projectId, projectName, source, started);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (SQLException e) {
                    throw new IllegalStateException("writing the graph failed: " + e.getMessage(), e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private ImportResult run(Connection c, String projectId, String projectName, GraphSource source, long started)
            throws IOException, SQLException {
        ensureProject(c, projectId, projectName);
        long edgesBefore = count(c, "graph_edges", projectId);
        try (Writer writer = new Writer(c, db.dialect(), projectId)) {
            source.emit(writer);
            writer.finish();
            long edgesCreated = count(c, "graph_edges", projectId) - edgesBefore;
            return new ImportResult(projectId, writer.entities, writer.edges, writer.entitiesCreated,
                    writer.entities - writer.entitiesCreated, edgesCreated, writer.edges - edgesCreated,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void ensureProject(Connection c, String projectId, String projectName) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM projects WHERE id = ?")) {
            st.setString(1, projectId);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
            st.setString(1, projectId);
            st.setString(2, projectName != null ? projectName : projectId);
            st.setObject(3, now);
            st.setObject(4, now);
            st.executeUpdate();
        }
    }

    static long count(Connection c, String table, String projectId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE project_id = ?")) {
            st.setString(1, projectId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Validates items, remembers entity ids, and writes in batches. */
    private static final class Writer implements GraphSink, AutoCloseable {
        private final String projectId;
        private final PreparedStatement entityStatement;
        private final PreparedStatement edgeStatement;
        private final Set<String> known = new HashSet<>();
        /** Edge ends not known when the edge was read: checked at the end (entities may follow edges). */
        private final List<String[]> pending = new ArrayList<>();
        private int entityBatch;
        private int edgeBatch;
        long entities;
        long edges;
        long entitiesCreated;

        Writer(Connection c, Dialect dialect, String projectId) throws SQLException {
            this.projectId = projectId;
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM graph_entities WHERE project_id = ?")) {
                st.setFetchSize(10_000);
                st.setString(1, projectId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
            if (dialect == Dialect.POSTGRES) {
                entityStatement = c.prepareStatement("INSERT INTO graph_entities (project_id, id, name, type, properties)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, id) DO UPDATE SET name = EXCLUDED.name,"
                        + " type = EXCLUDED.type, properties = EXCLUDED.properties");
                edgeStatement = c.prepareStatement("INSERT INTO graph_edges (project_id, source, target, relation, weight)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, source, target, relation)"
                        + " DO UPDATE SET weight = EXCLUDED.weight");
            } else {
                entityStatement = c.prepareStatement("MERGE INTO graph_entities (project_id, id, name, type, properties)"
                        + " KEY (project_id, id) VALUES (?, ?, ?, ?, ?)");
                edgeStatement = c.prepareStatement("MERGE INTO graph_edges (project_id, source, target, relation, weight)"
                        + " KEY (project_id, source, target, relation) VALUES (?, ?, ?, ?, ?)");
            }
        }

        @Override
        public void entity(String where, String id, String name, String type, String propertiesJson) {
            checkId(where, "id", id);
            if (name == null || name.isBlank()) {
                throw invalid(where, "name is required");
            }
            if (name.length() > MAX_NAME) {
                throw invalid(where, "name is longer than " + MAX_NAME + " characters");
            }
            String t = type == null || type.isBlank() ? DEFAULT_TYPE : type.strip();
            if (t.length() > MAX_TYPE) {
                throw invalid(where, "type is longer than " + MAX_TYPE + " characters");
            }
            if (propertiesJson != null && propertiesJson.length() > MAX_PROPERTIES) {
                throw invalid(where, "properties are longer than " + MAX_PROPERTIES + " characters of JSON");
            }
            entities++;
            if (known.add(id)) {
                entitiesCreated++;
            }
            try {
                entityStatement.setString(1, projectId);
                entityStatement.setString(2, id);
                entityStatement.setString(3, name);
                entityStatement.setString(4, t);
                entityStatement.setString(5, propertiesJson);
                entityStatement.addBatch();
                if (++entityBatch >= BATCH_SIZE) {
                    flushEntities();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("writing entities failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void edge(String where, String source, String target, String relation, Double weight) {
            checkId(where, "source", source);
            checkId(where, "target", target);
            if (source.equals(target)) {
                throw invalid(where, "self-loops are not allowed (source and target are both '" + clip(source) + "')");
            }
            if (relation == null || relation.isBlank()) {
                throw invalid(where, "relation is required (e.g. KNOWS)");
            }
            if (relation.length() > MAX_RELATION) {
                throw invalid(where, "relation is longer than " + MAX_RELATION + " characters");
            }
            double w = weight == null ? 1.0 : weight;
            if (!Double.isFinite(w) || w <= 0) {
                throw invalid(where, "weight must be a finite number greater than 0, got " + w);
            }
            if (!known.contains(source)) {
                pending.add(new String[] {where, "source", source});
            }
            if (!known.contains(target)) {
                pending.add(new String[] {where, "target", target});
            }
            edges++;
            try {
                edgeStatement.setString(1, projectId);
                edgeStatement.setString(2, source);
                edgeStatement.setString(3, target);
                edgeStatement.setString(4, relation);
                edgeStatement.setDouble(5, w);
                edgeStatement.addBatch();
                if (++edgeBatch >= BATCH_SIZE) {
                    flushEdges();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("writing edges failed: " + e.getMessage(), e);
            }
        }

        void finish() throws SQLException {
            for (String[] p : pending) {
                if (!known.contains(p[2])) {
                    throw invalid(p[0], p[1] + " '" + clip(p[2]) + "' is not an entity of project " + projectId
                            + " (neither in this import nor imported before)");
                }
            }
            flushEntities();
            flushEdges();
        }

        private void flushEntities() throws SQLException {
            if (entityBatch > 0) {
                entityStatement.executeBatch();
                entityBatch = 0;
            }
        }

        private void flushEdges() throws SQLException {
            if (edgeBatch > 0) {
                edgeStatement.executeBatch();
                edgeBatch = 0;
            }
        }

        private static void checkId(String where, String field, String id) {
            if (id == null || id.isBlank()) {
                throw invalid(where, field + " is required");
            }
            if (id.length() > MAX_ID) {
                throw invalid(where, field + " is longer than " + MAX_ID + " characters");
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                entityStatement.close();
            } finally {
                edgeStatement.close();
            }
        }
    }

    static InvalidGraphException invalid(String where, String problem) {
        return new InvalidGraphException(where + ": " + problem);
    }

    /** Keeps echoed input short and printable. */
    static String clip(String value) {
        return dev.taskstream.server.http.Requests.clip(value);
    }
}
