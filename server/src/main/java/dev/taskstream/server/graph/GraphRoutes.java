package dev.taskstream.server.graph;

import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.project.ProjectStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** {@code POST /projects/{project_id}/graph} (import, JSON or CSV) and {@code GET /projects/{project_id}/graph/stats}. */
public final class GraphRoutes {
    private static final long DRAIN_BYTES = 8L * 1024 * 1024;

    private final GraphImporter importer;
    private final GraphStore graphs;
    private final ProjectStore projects;
    private final long maxBodyBytes;

    public GraphRoutes(GraphImporter importer, GraphStore graphs, ProjectStore projects, long maxBodyBytes) {
        this.importer = importer;
        this.graphs = graphs;
        this.projects = projects;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void register(RoutesConfig routes) {
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
        String declared = ctx.header("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > maxBodyBytes) {
                    throw tooLarge(ctx);
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("malformed Content-Length header");
            }
        }
        ImportResult result;
        try (InputStream body = ctx.bodyInputStream()) {
            result = importer.importStream(projectId, body, format, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            throw tooLarge(ctx);
        } catch (InvalidGraphException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (RuntimeException e) {
            // Jdbi wraps what the callback throws; unwrap our own failures.
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof BodyTooLargeException) {
                    throw tooLarge(ctx);
                }
                if (c instanceof InvalidGraphException invalid) {
                    throw ApiException.badRequest(invalid.getMessage());
                }
            }
            throw e;
        }
        ctx.status(result.createdAnything() ? 201 : 200).json(result);
    }

    /**
     * The 413, after reading (and dropping) up to {@value #DRAIN_BYTES} more bytes of the body: a client
     * that is still sending would otherwise get a broken pipe instead of the answer.
     */
    private ApiException tooLarge(Context ctx) {
        try (InputStream rest = ctx.bodyInputStream()) {
            byte[] buffer = new byte[16 * 1024];
            long left = DRAIN_BYTES;
            for (int n = rest.read(buffer); n > 0 && left > 0; n = rest.read(buffer)) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the body is gone; the answer is the same
        }
        return new ApiException(413, "payload_too_large", "the body is larger than this server's limit of "
                + maxBodyBytes + " bytes; split the import into several requests or use the 'import' command");
    }

    static void requireProject(ProjectStore projects, String projectId) {
        if (projects.find(projectId).isEmpty()) {
            throw ApiException.notFound("no project with id '" + projectId + "'");
        }
    }
}
