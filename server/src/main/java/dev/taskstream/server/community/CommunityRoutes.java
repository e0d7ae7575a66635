package dev.taskstream.server.community;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.Requests;
import dev.taskstream.server.project.ProjectStore;
import dev.taskstream.server.task.NewTask;
import dev.taskstream.server.task.TaskRoutes;
import dev.taskstream.server.task.TaskService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /projects/{project_id}/communities/rebuild}, {@code GET /projects/{project_id}/communities},
 * {@code GET /projects/{project_id}/communities/memberships} (the whole partition in one streamed
 * answer), {@code GET /communities/{id}} and {@code GET /communities/{id}/members} (keyset-paged).
 */
public final class CommunityRoutes {
    private static final Logger log = LoggerFactory.getLogger(CommunityRoutes.class);

    private final CommunityStore communities;
    private final ProjectStore projects;
    private final TaskService tasks;

    public CommunityRoutes(CommunityStore communities, ProjectStore projects, TaskService tasks) {
        this.communities = communities;
        this.projects = projects;
        this.tasks = tasks;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/projects/{project_id}/communities/rebuild", this::rebuild);
        routes.get("/api/v1/projects/{project_id}/communities", this::list);
        routes.get("/api/v1/projects/{project_id}/communities/memberships", this::memberships);
        routes.get("/api/v1/communities/{id}", this::detail);
        routes.get("/api/v1/communities/{id}/members", this::members);
    }

    private void rebuild(Context ctx) {
        String projectId = Requests.projectIdPath(ctx);
        Requests.allowQueryParams(ctx, Set.of());
        JsonNode body = Requests.jsonBody(ctx, JsonNode.class, true);
        RebuildParams params;
        try {
            params = RebuildParams.parse(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        projects.require(projectId);
        TaskRoutes.accepted(ctx, tasks.submit(NewTask.of(RebuildCommunitiesHandler.NAME, projectId, params.toJson())));
    }

    private void list(Context ctx) {
        String projectId = Requests.projectIdPath(ctx);
        Requests.allowQueryParams(ctx, Set.of("limit", "offset", "min_members"));
        int limit = Requests.intQuery(ctx, "limit", 50, 1, TaskRoutes.MAX_PAGE);
        int offset = Requests.intQuery(ctx, "offset", 0, 0, TaskRoutes.MAX_OFFSET);
        int minMembers = Requests.intQuery(ctx, "min_members", 1, 1, Integer.MAX_VALUE);
        projects.require(projectId);
        ctx.json(communities.list(projectId, limit, offset, minMembers));
    }

    private void detail(Context ctx) {
        UUID id = Requests.uuidPath(ctx, "id");
        Requests.allowQueryParams(ctx, Set.of("limit", "offset"));
        int limit = Requests.intQuery(ctx, "limit", 50, 1, TaskRoutes.MAX_PAGE);
        int offset = Requests.intQuery(ctx, "offset", 0, 0, TaskRoutes.MAX_OFFSET);
        ctx.json(communities.detail(id, limit, offset).orElseThrow(() -> ApiException.notFound(
                "no community with id " + id + " (a rebuild replaces a project's communities and their ids)")));
    }

    /**
     * Every membership of the project, streamed: the status and headers go out before the first
     * row, so a failure after that can only cut the answer short (the client sees no final line
     * break / an incomplete body), never turn it into an error answer.
     */
    private void memberships(Context ctx) {
        String projectId = Requests.projectIdPath(ctx);
        Requests.allowQueryParams(ctx, Set.of("format"));
        MembershipExport format = MembershipExport.choose(ctx.queryParam("format"), ctx.header("Accept"));
        projects.require(projectId);
        ctx.status(200).contentType(format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + format.fileName(projectId) + "\"");
        try {
            format.write(ctx.outputStream(), sink -> communities.memberships(projectId, sink));
        } catch (IOException | UncheckedIOException e) {
            log.debug("memberships of {}: client went away ({})", projectId, e.toString());
        }
    }

    private void members(Context ctx) {
        UUID id = Requests.uuidPath(ctx, "id");
        Requests.allowQueryParams(ctx, Set.of("limit", "after"));
        int limit = Requests.intQuery(ctx, "limit", 50, 1, TaskRoutes.MAX_PAGE);
        int after = Requests.intQuery(ctx, "after", -1, 0, Integer.MAX_VALUE);
        ctx.json(communities.members(id, limit, after).orElseThrow(() -> ApiException.notFound(
                "no community with id " + id + " (a rebuild replaces a project's communities and their ids)")));
    }

}
