package dev.taskstream.server.graph;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.project.ProjectDao;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports entities and edges into a project: streamed (the input is never held whole in memory), staged
 * in bulk ({@link GraphStaging}: COPY on Postgres, batches on H2) and merged in one set-based statement
 * per table, all in one transaction, so an invalid item anywhere, a cancellation or a failure leaves the
 * database as it was. The HTTP import task, the {@code import} command and the demo graph all use it.
 *
 * <p>Rules ({@link ImportItems}): entity ids merge (an id imported again replaces name, type and
 * properties; within one import the last one wins); an edge (source, target, relation) imported again
 * replaces its weight; both ends of an edge must be entities of the project, from this import (before or
 * after the edge) or from earlier ones. A missing project is created, with its id as its name.
 */
public final class GraphImporter {
    private static final Logger log = LoggerFactory.getLogger(GraphImporter.class);
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

    /** Observes a running import; may stop it by throwing (e.g. when its task is cancelled). */
    public interface ImportMonitor {
        ImportMonitor NONE = (entities, edges, bytes) -> { };

        /** Called every {@value ImportItems#PROGRESS_EVERY} items while the input is read ({@code bytes}: read so far). */
        void parsed(long entities, long edges, long bytes);

        /** The input is read and valid; the merge into the graph tables starts. */
        default void merging(long entities, long edges) {
        }
    }

    /** Source of items that calls the sink (a reader of a body or file, or a generator). */
    @FunctionalInterface
    public interface GraphSource {
        void emit(GraphSink sink) throws IOException;
    }

    /** Reads {@code in} in the given format to its end. */
    public ImportResult importStream(String projectId, InputStream in, ImportFormat format, ImportMonitor monitor)
            throws IOException {
        LimitedInputStream counted = new LimitedInputStream(in, Long.MAX_VALUE);
        return run(projectId, null, counted::count, monitor, sink -> {
            if (format == ImportFormat.CSV) {
                CsvGraphReader.read(counted, sink);
            } else {
                JsonGraphReader.read(counted, sink);
            }
        });
    }

    /**
     * Runs one import from any source. {@code projectName} names the project if the import creates
     * it (null: its id).
     */
    public ImportResult run(String projectId, String projectName, GraphSource source) throws IOException {
        return run(projectId, projectName, () -> 0, ImportMonitor.NONE, source);
    }

    private ImportResult run(String projectId, String projectName, LongSupplier bytes,
            ImportMonitor monitor, GraphSource source) throws IOException {
        long started = System.nanoTime();
        try {
            // open(), not withHandle(): Jdbi lends a withHandle callback's handle to every Jdbi call on the same
            // thread, so the task's progress and cancellation checks would join (and wait for) this transaction.
            try (Handle h = db.jdbi().open()) {
                GraphDao dao = h.attach(daoType);
                dao.createStaging();
                try {
                    return h.inTransaction(tx -> write(tx, dao, projectId, projectName, source, bytes, monitor, started));
                } finally {
                    dao.dropStaging();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private ImportResult write(Handle h, GraphDao dao, String projectId, String projectName, GraphSource source,
            LongSupplier bytes, ImportMonitor monitor, long started) {
        h.attach(ProjectDao.class).insertIfAbsent(new ProjectDao.ProjectWrite(projectId,
                projectName != null ? projectName : projectId, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        ImportItems items = new ImportItems(projectId, GraphStaging.open(h, db.dialect()),
                (entities, edges) -> monitor.parsed(entities, edges, bytes.getAsLong()));
        dao.entityIds(projectId, items::known);
        try {
            source.emit(items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        items.checkEnds();
        monitor.merging(items.entities, items.edges);
        long merging = System.nanoTime();
        long edgesCreated = items.merge();
        log.info("import into {}: {} entities and {} edges read and staged in {} ms, merged in {} ms", projectId,
                items.entities, items.edges, (merging - started) / 1_000_000, (System.nanoTime() - merging) / 1_000_000);
        return new ImportResult(projectId, items.entities, items.edges, items.entitiesCreated,
                items.entities - items.entitiesCreated, edgesCreated, items.edges - edgesCreated, bytes.getAsLong(),
                (System.nanoTime() - started) / 1_000_000);
    }

    static InvalidGraphException invalid(String where, String problem) {
        return new InvalidGraphException(where + ": " + problem);
    }

    /** Keeps echoed input short and printable. */
    static String clip(String value) {
        return Requests.clip(value);
    }
}
