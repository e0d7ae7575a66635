package dev.taskstream.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstream.server.graph.upload.UploadStore;
import dev.taskstream.server.task.NewTask;
import dev.taskstream.server.task.TaskCancelledException;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import dev.taskstream.server.task.TaskInputException;
import dev.taskstream.server.task.TaskService;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code import_graph}: imports an uploaded body (stored by {@link GraphRoutes} in the {@link UploadStore}, where
 * every node can read it) into the task's project.
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
    private final UploadStore uploads;

    public ImportGraphHandler(GraphImporter importer, UploadStore uploads) {
        this.importer = importer;
        this.uploads = uploads;
    }

    /** The task's parameters: the upload's id and the body's format. */
    static ObjectNode params(UUID upload, ImportFormat format, long bytes) {
        return Json.mapper().createObjectNode().put("upload", upload.toString())
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

    /**
     * Enqueues the import of a stored upload and ties the upload to its task; if no task can be created (e.g. a
     * 409: another writer is active in the project) the upload is removed, as no task will read it.
     */
    static TaskView submit(TaskService tasks, UploadStore uploads, String projectId, UploadStore.Upload upload,
            ImportFormat format) {
        try {
            TaskView task = tasks.submit(NewTask.of(NAME, projectId, params(upload.id(), format, upload.bytes())));
            uploads.attach(upload.id(), task.id());
            return task;
        } catch (RuntimeException e) {
            uploads.delete(upload.id());
            throw e;
        }
    }

    /** An import's body is removed when its task ends: there is nothing left to run again. */
    @Override
    public String notRetryableReason() {
        return "an import cannot be retried: its upload was removed when it ended; post the file to "
                + "/api/v1/projects/{project_id}/graph again";
    }

    @Override
    public JsonNode run(TaskContext ctx) throws IOException {
        UUID uploadId = uploadOf(ctx.params());
        try {
            UploadStore.StoredUpload upload;
            try {
                upload = uploads.find(uploadId);
            } catch (UploadStore.UploadGoneException e) {
                throw new TaskInputException("the body of this import is not stored (an import runs only the upload "
                        + "of its own POST /api/v1/projects/{project_id}/graph); post the file again");
            }
            if (!upload.projectId().equals(ctx.projectId())) {
                throw new TaskInputException("the upload belongs to another project");
            }
            ImportFormat format = "csv".equals(ctx.params().path("format").asText()) ? ImportFormat.CSV : ImportFormat.JSON;
            ctx.progress(0, "Reading the upload (" + String.format(Locale.ROOT, "%,d", upload.bytes()) + " bytes)...");
            try {
                ImportResult result = importer.importStream(ctx.projectId(),
                        () -> new BufferedInputStream(uploads.open(upload), 1 << 16), format,
                        new ImportProgress(upload.bytes(), ctx::progress));
                return Json.mapper().valueToTree(result);
            } catch (RuntimeException e) {
                throw unwrap(e);
            }
        } finally {
            uploads.delete(uploadId);
        }
    }

    private static UUID uploadOf(JsonNode params) {
        try {
            return UUID.fromString(params.path("upload").asText(""));
        } catch (IllegalArgumentException e) {
            throw new TaskInputException(
                    "import_graph runs uploads of POST /api/v1/projects/{project_id}/graph; it cannot be submitted directly");
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
