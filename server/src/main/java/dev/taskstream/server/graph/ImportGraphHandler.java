package dev.taskstream.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstream.server.task.TaskCancelledException;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import dev.taskstream.shared.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code import_graph}: imports an uploaded body (spooled by {@link GraphRoutes}) into the task's project.
 * Progress as {@link ImportProgress} tells it, then completed with the {@link ImportResult}. All or nothing;
 * a cancellation rolls back. The upload is removed when the task ends, whatever the outcome.
 */
public final class ImportGraphHandler implements TaskHandler {
    public static final String NAME = "import_graph";
    /**
     * The rebuild's type name: imports and rebuilds share its exclusive key per project (its key format,
     * so keys of rebuilds queued by older versions still count). A literal: community depends on graph.
     */
    static final String WRITER_GROUP = "rebuild_communities";

    private final GraphImporter importer;
    private final UploadSpool spool;

    public ImportGraphHandler(GraphImporter importer, UploadSpool spool) {
        this.importer = importer;
        this.spool = spool;
    }

    /** The task's parameters: the spool file's name and the body's format. */
    static ObjectNode params(String upload, ImportFormat format, long bytes) {
        return Json.mapper().createObjectNode().put("upload", upload)
                .put("format", format.name().toLowerCase(Locale.ROOT)).put("bytes", bytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean exclusivePerProject() {
        return true;
    }

    @Override
    public String exclusiveGroup() {
        return WRITER_GROUP;
    }

    @Override
    public String completedMessage() {
        return "Graph import completed";
    }

    @Override
    public JsonNode run(TaskContext ctx) throws IOException {
        String upload = ctx.params().path("upload").asText(null);
        try {
            Path file = spool.resolve(upload).orElseThrow(() -> new IllegalArgumentException(
                    "import_graph runs uploads of POST /api/v1/projects/{id}/graph; it cannot be submitted directly"));
            ImportFormat format = "csv".equals(ctx.params().path("format").asText()) ? ImportFormat.CSV : ImportFormat.JSON;
            long total;
            try {
                total = Files.size(file);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("the uploaded body is no longer on the server (an import cannot be "
                        + "retried or resumed after a restart); upload it again");
            }
            ctx.progress(0, "Reading the upload (" + String.format(Locale.ROOT, "%,d", total) + " bytes)...");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                ImportResult result = importer.importStream(ctx.projectId(), in, format, new ImportProgress(total, ctx::progress));
                return Json.mapper().valueToTree(result);
            } catch (RuntimeException e) {
                throw unwrap(e);
            }
        } finally {
            spool.delete(upload);
        }
    }

    /** Jdbi may wrap what the import's callback threw; the task reports our own exceptions as they are. */
    private static RuntimeException unwrap(RuntimeException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InvalidGraphException || c instanceof TaskCancelledException) {
                return (RuntimeException) c;
            }
        }
        return e;
    }
}
