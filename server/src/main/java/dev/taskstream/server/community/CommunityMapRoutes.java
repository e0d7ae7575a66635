package dev.taskstream.server.community;

import dev.taskstream.server.http.Requests;
import dev.taskstream.server.project.ProjectStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code GET /projects/{project_id}/communities/map?limit=}: the picture of a project's communities that the
 * desktop lays out, capped to the largest {@value #MAX_LIMIT} so that the answer and its layout stay small.
 */
public final class CommunityMapRoutes {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 2_000;

    private final CommunityStore communities;
    private final ProjectStore projects;

    public CommunityMapRoutes(CommunityStore communities, ProjectStore projects) {
        this.communities = communities;
        this.projects = projects;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/projects/{project_id}/communities/map", this::map);
    }

    private void map(Context ctx) {
        String projectId = Requests.projectIdPath(ctx);
        Requests.allowQueryParams(ctx, Set.of("limit"));
        int limit = Requests.intQuery(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        projects.require(projectId);
        ctx.json(communities.map(projectId, limit));
    }
}
