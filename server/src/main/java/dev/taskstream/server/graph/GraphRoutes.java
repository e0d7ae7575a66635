package dev.taskstream.server.graph;

import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.project.ProjectStore;
import dev.taskstream.server.task.NewTask;
import dev.taskstream.server.task.TaskRoutes;
import dev.taskstream.server.task.TaskService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /projects/{project_id}/graph} (import, JSON or CSV: the body is spooled, then a 202 with an
 * {@code import_graph} task) and {@code GET /projects/{project_id}/graph/stats}.
 */
public final class GraphRoutes {
    private static final Logger log = LoggerFactory.getLogger(GraphRoutes.class);

    private final UploadSpool spool;
    private final GraphStore graphs;
    private final ProjectStore projects;
    private final TaskService tasks;
    private final long maxBodyBytes;

    public GraphRoutes(UploadSpool spool, GraphStore graphs, ProjectStore projects, TaskService tasks,
            long maxBodyBytes) {
        this.spool = spool;
        this.graphs = graphs;
        this.projects = projects;
        this.tasks = tasks;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void register(RoutesConfig routes) {
        routes.exception(UploadTooLargeException.class, (e, ctx) -> ctx.status(413).json(Map.of(
                "error", "payload_too_large", "detail", e.getMessage(), "code", "payload_too_large",
                "max_bytes", e.maxBytes())));
        routes.post("/api/v1/projects/{project_id}/graph", this::importGraph);
        routes.get("/api/v1/projects/{project_id}/graph/stats", ctx -> {
            String projectId = Requests.projectIdPath(ctx);
            Requests.allowQueryParams(ctx, Set.of());
            requireProject(projects, projectId);
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
        UploadSpool.Upload upload;
        try (InputStream body = ctx.bodyInputStream()) {
            upload = spool.spool(body, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            throw Requests.afterDraining(ctx, tooLarge(), false);
        } catch (UploadSpool.UploadInterruptedException e) {
            // The client is gone or stopped sending: nothing to answer, nothing to log but this line.
            log.info("import into project {} from {}: the upload ended early ({}); nothing was imported", projectId,
                    ctx.ip(), e.getMessage());
            throw ApiException.badRequest("the upload ended before the body was complete; nothing was imported");
        }
        try {
            TaskRoutes.accepted(ctx, tasks.submit(NewTask.of(ImportGraphHandler.NAME, projectId,
                    ImportGraphHandler.params(upload.name(), format, upload.bytes()))));
        } catch (RuntimeException e) {
            spool.delete(upload.name()); // no task will run it (409: another writer is active in the project)
            throw e;
        }
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

    static void requireProject(ProjectStore projects, String projectId) {
        if (projects.find(projectId).isEmpty()) {
            throw ApiException.notFound("no project with id '" + projectId + "'");
        }
    }
}
