package dev.taskstream.server.project;

import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.HttpApi;
import dev.taskstream.server.http.Requests;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * {@code PUT /projects/{project_id}}, {@code GET /projects}, {@code GET /projects/{project_id}}, and the 404 of every
 * endpoint that names a project that does not exist ({@link ProjectStore#require}).
 */
public final class ProjectRoutes {
    private final ProjectStore projects;

    public ProjectRoutes(ProjectStore projects) {
        this.projects = projects;
    }

    /** Body of PUT /projects/{id}. */
    public record ProjectBody(String name) {
    }

    public void register(RoutesConfig routes) {
        routes.exception(ProjectNotFoundException.class, (e, ctx) -> HttpApi.error(ctx, 404, "not_found",
                e.getMessage()));
        routes.get("/api/v1/projects", ctx -> ctx.json(Map.of("items", projects.list())));
        routes.get("/api/v1/projects/{project_id}", ctx -> ctx.json(projects.require(Requests.projectIdPath(ctx))));
        routes.put("/api/v1/projects/{project_id}", ctx -> {
            String id = Requests.projectIdPath(ctx);
            ProjectBody body = Requests.jsonBody(ctx, ProjectBody.class, false);
            String name = body.name() == null ? null : body.name().strip();
            if (name == null || name.isEmpty() || name.length() > 200) {
                throw ApiException.badRequest("name is required: 1 to 200 characters");
            }
            boolean created = projects.upsert(id, name);
            ctx.status(created ? 201 : 200).json(projects.find(id).orElseThrow());
        });
    }
}
