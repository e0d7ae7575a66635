package dev.taskstream.server.graph;

import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.HttpApi;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.project.ProjectStore;
import dev.taskstream.server.graph.upload.UploadStore;
import dev.taskstream.server.task.TaskRoutes;
import dev.taskstream.server.task.TaskService;
import dev.taskstream.shared.api.ErrorBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /projects/{project_id}/graph} (import, JSON or CSV: the body is stored where every node can read
 * it, then a 202 with an {@code import_graph} task) and {@code GET /projects/{project_id}/graph/stats}.
 */
public final class GraphRoutes {
    private static final Logger log = LoggerFactory.getLogger(GraphRoutes.class);

    private final UploadStore uploads;
    private final GraphStore graphs;
    private final ProjectStore projects;
    private final TaskService tasks;
    private final long maxBodyBytes;

    public GraphRoutes(UploadStore uploads, GraphStore graphs, ProjectStore projects, TaskService tasks,
            long maxBodyBytes) {
        this.uploads = uploads;
        this.graphs = graphs;
        this.projects = projects;
        this.tasks = tasks;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void register(RoutesConfig routes) {
        routes.exception(UploadTooLargeException.class, (e, ctx) -> HttpApi.error(ctx, 413,
                new ErrorBody("payload_too_large", e.getMessage(), "payload_too_large").withMaxBytes(e.maxBytes())));
        routes.post("/api/v1/projects/{project_id}/graph", this::importGraph);
        routes.get("/api/v1/projects/{project_id}/graph/stats", ctx -> {
            String projectId = Requests.projectIdPath(ctx);
            Requests.allowQueryParams(ctx, Set.of());
            projects.require(projectId);
            ctx.json(graphs.stats(projectId));
        });
    }

    private void importGraph(Context ctx) throws IOException {
        String projectId = Requests.projectIdPath(ctx);
        Requests.allowQueryParams(ctx, Set.of());
        ImportFormat format = ImportFormat.fromContentType(ctx.contentType());
        if (format == null) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type '"
                    + Requests.clip(ctx.contentType()) + "' is not supported: send application/json or text/csv");
        }
        if (Requests.declaredLength(ctx) > maxBodyBytes) {
            throw Requests.afterDraining(ctx, tooLarge(), true);
        }
        // Before the body is read (and before a "100 Continue"): a busy project refuses at once. The submit
        // below checks again, for an import or rebuild that started while the body arrived.
        tasks.requireNoActiveExclusive(ImportGraphHandler.NAME, projectId);
        UploadStore.Upload upload;
        try (InputStream body = ctx.bodyInputStream()) {
            upload = uploads.copy(projectId, body, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            throw Requests.afterDraining(ctx, tooLarge(), false);
        } catch (UploadStore.UploadInterruptedException e) {
            // The client is gone or stopped sending: nothing to answer, nothing to log but this line.
            log.info("import into project {} from {}: the upload ended early ({}); nothing was imported", projectId,
                    ctx.ip(), e.getMessage());
            throw ApiException.badRequest("the upload ended before the body was complete; nothing was imported");
        }
        TaskRoutes.accepted(ctx, ImportGraphHandler.submit(tasks, uploads, projectId, upload, format));
    }

    private UploadTooLargeException tooLarge() {
        return new UploadTooLargeException("the body is larger than this server's limit of " + maxBodyBytes
                + " bytes; split the import into several requests or use the 'import' command", maxBodyBytes);
    }

    /** An import's 413: the answer names the limit in {@code max_bytes}, so a client can tell it in its own words. */
    static final class UploadTooLargeException extends RuntimeException {
        private final long maxBytes;

        UploadTooLargeException(String detail, long maxBytes) {
            super(detail, null, false, false);
            this.maxBytes = maxBytes;
        }

        long maxBytes() {
            return maxBytes;
        }
    }
}
