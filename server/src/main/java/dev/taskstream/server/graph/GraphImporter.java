package dev.taskstream.server.graph;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.project.ProjectDao;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

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
    /** Type of an entity imported without one. */
    public static final String DEFAULT_TYPE = "entity";

    private final Database db;
    private final Class<? extends GraphDao> daoType;
    private final Clock clock;

    public GraphImporter(Database db, Clock clock) {
        this.db = db;
        this.daoType = GraphDao.forDialect(db.dialect());
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
                    return run(h, projectId, projectName, source, started);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private ImportResult run(Handle h, String projectId, String projectName, GraphSource source, long started)
            throws IOException {
        h.attach(ProjectDao.class).insertIfAbsent(new ProjectDao.ProjectWrite(projectId,
                projectName != null ? projectName : projectId, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        GraphDao dao = h.attach(daoType);
        long edgesBefore = dao.countEdges(projectId);
        Writer writer = new Writer(dao, projectId);
        source.emit(writer);
        writer.finish();
        long edgesCreated = dao.countEdges(projectId) - edgesBefore;
        return new ImportResult(projectId, writer.entities, writer.edges, writer.entitiesCreated,
                writer.entities - writer.entitiesCreated, edgesCreated, writer.edges - edgesCreated,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Validates items, remembers entity ids, and writes in batches. */
    private static final class Writer implements GraphSink {
        private final GraphDao dao;
        private final String projectId;
        private final List<GraphDao.EntityRow> entityBatch = new ArrayList<>(BATCH_SIZE);
        private final List<GraphDao.EdgeRow> edgeBatch = new ArrayList<>(BATCH_SIZE);
        private final Set<String> known = new HashSet<>();
        /** Edge ends not known when the edge was read: checked at the end (entities may follow edges). */
        private final List<String[]> pending = new ArrayList<>();
        long entities;
        long edges;
        long entitiesCreated;

        Writer(GraphDao dao, String projectId) {
            this.dao = dao;
            this.projectId = projectId;
            dao.entityIds(projectId, known::add);
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
            entityBatch.add(new GraphDao.EntityRow(projectId, id, name, t, propertiesJson));
            if (entityBatch.size() >= BATCH_SIZE) {
                flushEntities();
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
            edgeBatch.add(new GraphDao.EdgeRow(projectId, source, target, relation, w));
            if (edgeBatch.size() >= BATCH_SIZE) {
                flushEdges();
            }
        }

        void finish() {
            for (String[] p : pending) {
                if (!known.contains(p[2])) {
                    throw invalid(p[0], p[1] + " '" + clip(p[2]) + "' is not an entity of project " + projectId
                            + " (neither in this import nor imported before)");
                }
            }
            flushEntities();
            flushEdges();
        }

        private void flushEntities() {
            if (!entityBatch.isEmpty()) {
                dao.upsertEntities(entityBatch);
                entityBatch.clear();
            }
        }

        private void flushEdges() {
            if (!edgeBatch.isEmpty()) {
                dao.upsertEdges(edgeBatch);
                edgeBatch.clear();
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
    }

    static InvalidGraphException invalid(String where, String problem) {
        return new InvalidGraphException(where + ": " + problem);
    }

    /** Keeps echoed input short and printable. */
    static String clip(String value) {
        return Requests.clip(value);
    }
}
