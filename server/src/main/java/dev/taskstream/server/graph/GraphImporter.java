package dev.taskstream.server.graph;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.Dialect;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.project.ProjectDao;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports entities and edges into a project: streamed (the input is never held whole in memory, and nothing
 * is kept per item), written in bulk ({@link GraphWriter}: COPY on Postgres, batches on H2) straight into a
 * project without rows, else staged and merged in one set-based statement per table, all in one transaction,
 * so an invalid item anywhere, a cancellation or a failure leaves the database as it was. The HTTP import
 * task, the {@code import} command and the demo graph all use it.
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

    /**
     * Source of items that calls the sink (a reader of a body or file, or a generator). It emits the same items
     * each time it is called: a second call only happens to name an item in an error, and may throw then.
     */
    @FunctionalInterface
    public interface GraphSource {
        void emit(GraphSink sink) throws IOException;
    }

    /** Opens the input of an import from its start; opened again only to name an item in an error. */
    @FunctionalInterface
    public interface InputOpener {
        InputStream open() throws IOException;
    }

    /** Reads the input of {@code opener} in the given format to its end. */
    public ImportResult importStream(String projectId, InputOpener opener, ImportFormat format, ImportMonitor monitor)
            throws IOException {
        AtomicReference<LimitedInputStream> reading = new AtomicReference<>();
        LongSupplier bytes = () -> reading.get() == null ? 0 : reading.get().count();
        return run(projectId, null, bytes, monitor, sink -> {
            try (InputStream in = opener.open()) {
                LimitedInputStream counted = new LimitedInputStream(in, Long.MAX_VALUE);
                reading.set(counted);
                format.read(counted, sink);
            }
        });
    }

    /**
     * Runs one import from any source. {@code projectName} names the project if the import creates
     * it (null: its id). The source may be asked to emit again (see {@link GraphSource}).
     */
    public ImportResult run(String projectId, String projectName, GraphSource source) throws IOException {
        return run(projectId, projectName, () -> 0, ImportMonitor.NONE, source);
    }

    /**
     * Into a project without rows, each row is written once (directly); if the input repeats a key or names an
     * unknown edge end, that attempt rolls back and the import runs again through staging, which merges the
     * repeats and names the first bad edge. A project with rows is always staged.
     */
    private ImportResult run(String projectId, String projectName, LongSupplier bytes,
            ImportMonitor monitor, GraphSource source) throws IOException {
        long started = System.nanoTime();
        try {
            // open(), not withHandle(): Jdbi lends a withHandle callback's handle to every Jdbi call on the same
            // thread, so the task's progress and cancellation checks would join (and wait for) this transaction.
            try (Handle h = db.jdbi().open()) {
                GraphDao dao = h.attach(daoType);
                try {
                    ImportResult direct = h.inTransaction(tx -> createProject(tx, projectId, projectName)
                            ? write(tx, projectId, true, source, bytes, monitor, started) : null);
                    if (direct != null) {
                        return direct;
                    }
                } catch (GraphWriter.NeedsStaging e) {
                    log.info("import into {}: {}; importing again through staging", projectId, e.getMessage());
                }
                dao.createStaging();
                try {
                    return h.inTransaction(tx -> {
                        createProject(tx, projectId, projectName);
                        return write(tx, projectId, false, source, bytes, monitor, started);
                    });
                } catch (GraphWriter.DanglingEdge e) {
                    throw unknownEnd(projectId, source, e);
                } finally {
                    dao.dropStaging();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Creates the project if it is missing; true when it has neither entities nor edges (a direct write). */
    private boolean createProject(Handle h, String projectId, String projectName) {
        h.attach(ProjectDao.class).insertIfAbsent(new ProjectDao.ProjectWrite(projectId,
                projectName != null ? projectName : projectId, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        GraphDao dao = h.attach(daoType);
        return !dao.hasEntities(projectId) && dao.countEdges(projectId) == 0;
    }

    private ImportResult write(Handle h, String projectId, boolean direct, GraphSource source, LongSupplier bytes,
            ImportMonitor monitor, long started) {
        try (GraphWriter writer = writer(h, projectId, direct)) {
            ImportItems items = new ImportItems(writer, (entities, edges) -> monitor.parsed(entities, edges,
                    bytes.getAsLong()));
            try {
                source.emit(items);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            monitor.merging(items.entities, items.edges);
            long merging = System.nanoTime();
            GraphWriter.Counts c = items.finish();
            log.info("import into {} ({}): {} entities and {} edges read and written in {} ms, checked{} in {} ms",
                    projectId, direct ? "direct" : "staged", items.entities, items.edges,
                    (merging - started) / 1_000_000, direct ? "" : " and merged", (System.nanoTime() - merging) / 1_000_000);
            return new ImportResult(projectId, items.entities, items.edges, c.entitiesCreated(), c.entitiesUpdated(),
                    items.entities - c.entitiesCreated() - c.entitiesUpdated(), c.edgesCreated(), c.edgesUpdated(),
                    items.edges - c.edgesCreated() - c.edgesUpdated(), bytes.getAsLong(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private GraphWriter writer(Handle h, String projectId, boolean direct) {
        if (db.dialect() == Dialect.POSTGRES) {
            return direct ? PostgresGraphWriter.direct(h, projectId) : PostgresGraphWriter.staged(h, projectId);
        }
        return direct ? H2GraphWriter.direct(h, projectId) : H2GraphWriter.staged(h, projectId);
    }

    /** The error for an edge with an unknown end, naming it as the input does (found by reading it again). */
    private static InvalidGraphException unknownEnd(String projectId, GraphSource source, GraphWriter.DanglingEdge e)
            throws IOException {
        String where = ItemLocator.find(source, e.seq).orElse("the edge at item " + e.seq);
        return invalid(where, e.end + " '" + clip(e.id) + "' is not an entity of project " + projectId
                + " (neither in this import nor imported before)");
    }

    static InvalidGraphException invalid(String where, String problem) {
        return new InvalidGraphException(where + ": " + problem);
    }

    /** Keeps echoed input short and printable. */
    static String clip(String value) {
        return Requests.clip(value);
    }
}
