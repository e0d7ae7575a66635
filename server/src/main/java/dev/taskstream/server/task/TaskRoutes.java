package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.HttpApi;
import dev.taskstream.server.http.Requests;
import dev.taskstream.shared.api.BatchAccepted;
import dev.taskstream.shared.api.BatchRequest;
import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.ErrorCodes;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.api.TaskRequest;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The task endpoints under {@code /api/v1/tasks}, and the HTTP answers to the task exceptions. */
public final class TaskRoutes {
    public static final int MAX_PAGE = 500;
    public static final int MAX_OFFSET = 10_000_000;

    /** Room in a submit body for the fields around {@code params} (name and project id are short). */
    private static final int ENVELOPE_BYTES = 4096;

    private final TaskService tasks;
    private final long maxParamsBytes;
    private final long maxBodyBytes;

    /** {@code maxBodyBytes}: the server's request limit, which a submit body must keep to as well. */
    public TaskRoutes(TaskService tasks, long maxParamsBytes, long maxBodyBytes) {
        this.tasks = tasks;
        this.maxParamsBytes = maxParamsBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Body of {@code POST /tasks}: enqueue any task type this server runs. */
    public record SubmitBody(String name, String projectId, JsonNode params) {
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/tasks", this::list);
        routes.post("/api/v1/tasks", this::submit);
        routes.post("/api/v1/tasks/batch", this::submitBatch);
        routes.get("/api/v1/tasks/{id}", ctx -> ctx.json(tasks.get(Requests.uuidPath(ctx, "id"))));
        routes.post("/api/v1/tasks/{id}/cancel", ctx -> ctx.status(202).json(tasks.cancel(Requests.uuidPath(ctx, "id"))));
        routes.post("/api/v1/tasks/{id}/retry", ctx -> accepted(ctx, tasks.retry(Requests.uuidPath(ctx, "id"))));
        registerErrors(routes);
    }

    /** Global handlers: other features (e.g. a community rebuild) submit tasks and meet the same exceptions. */
    private static void registerErrors(RoutesConfig routes) {
        routes.exception(TaskNotFoundException.class, (e, ctx) -> HttpApi.error(ctx, 404, "not_found", e.getMessage(),
                ErrorCodes.TASK_NOT_FOUND));
        routes.exception(TaskStateException.class, (e, ctx) -> HttpApi.error(ctx, 409, "conflict", e.getMessage()));
        routes.exception(ExclusiveTaskActiveException.class, (e, ctx) -> HttpApi.error(ctx, 409,
                new ErrorBody("conflict", e.getMessage(), ErrorCodes.TASK_ALREADY_RUNNING)
                        .withTaskId(e.activeTaskId())));
        routes.exception(TaskAlreadyRetriedException.class, (e, ctx) -> HttpApi.error(ctx, 409,
                new ErrorBody("conflict", e.getMessage(), ErrorCodes.TASK_ALREADY_RETRIED).withTaskId(e.retryId())));
        routes.exception(TaskBusyException.class, (e, ctx) -> {
            ctx.header("Retry-After", "1");
            HttpApi.error(ctx, 503, "busy", e.getMessage() + "; try again");
        });
    }

    private void list(Context ctx) {
        Requests.allowQueryParams(ctx, Set.of("status", "name", "project_id", "limit", "offset"));
        TaskStatus status = null;
        String rawStatus = ctx.queryParam("status");
        if (rawStatus != null && !rawStatus.isEmpty()) {
            try {
                status = TaskStatus.fromWire(rawStatus);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unknown status '" + Requests.clip(rawStatus)
                        + "'; use one of pending, processing, completed, failed, cancelled");
            }
        }
        String name = emptyToNull(ctx.queryParam("name"));
        String projectId = emptyToNull(ctx.queryParam("project_id"));
        if (projectId != null) {
            Requests.checkProjectId(projectId);
        }
        if (name != null && name.length() > 100) {
            throw ApiException.badRequest("name is at most 100 characters");
        }
        int limit = Requests.intQuery(ctx, "limit", 50, 1, MAX_PAGE);
        int offset = Requests.intQuery(ctx, "offset", 0, 0, MAX_OFFSET);
        ctx.json(tasks.list(new TaskFilter(status, name, projectId), limit, offset));
    }

    private void submit(Context ctx) {
        String tooLarge = paramsTooLarge();
        // The body is read by us, not by Javalin, so the server's request limit is applied here too.
        long bodyLimit = Math.min(maxParamsBytes + ENVELOPE_BYTES, maxBodyBytes);
        String bodyTooLarge = bodyLimit == maxBodyBytes
                ? "request body too large: over this server's limit of " + maxBodyBytes + " bytes" : tooLarge;
        SubmitBody body = Requests.parseJson(Requests.boundedBody(ctx, bodyLimit, bodyTooLarge),
                SubmitBody.class, false);
        accepted(ctx, tasks.submit(checked(body.name(), body.projectId(), body.params(), "")));
    }

    /** All or none, in one transaction: a bad task refuses the batch and the detail names it. */
    private void submitBatch(Context ctx) {
        BatchRequest body = Requests.jsonBody(ctx, BatchRequest.class, false);
        if (body.tasks() == null || body.tasks().isEmpty()) {
            throw ApiException.badRequest("tasks is required: a list of 1 to " + BatchRequest.MAX_TASKS
                    + " tasks, each {\"name\", \"project_id\", \"params\"}");
        }
        if (body.tasks().size() > BatchRequest.MAX_TASKS) {
            throw new ApiException(413, "payload_too_large", body.tasks().size() + " tasks in one batch; send at most "
                    + BatchRequest.MAX_TASKS + " per request");
        }
        List<NewTask> batch = new ArrayList<>(body.tasks().size());
        for (int i = 0; i < body.tasks().size(); i++) {
            TaskRequest t = body.tasks().get(i);
            String where = "tasks[" + i + "]: ";
            if (t == null) {
                throw ApiException.badRequest(where + "a task object is required");
            }
            NewTask task = checked(t.name(), t.projectId(), t.params(), where);
            if (tasks.registry().find(task.name()).orElseThrow().exclusivePerProject()) {
                throw ApiException.badRequest(where + "'" + task.name() + "' runs one at a time per project; "
                        + "submit it alone with POST /api/v1/tasks");
            }
            batch.add(task);
        }
        List<UUID> ids = tasks.submitAll(batch).stream().map(TaskView::id).toList();
        ctx.status(202).json(new BatchAccepted(ids));
    }

    private String paramsTooLarge() {
        return "task params too large: over this server's limit of " + maxParamsBytes + " bytes "
                + "(serve --max-params-bytes); pass a reference to large data (e.g. a project id) instead";
    }

    /** A task as the API accepts it; {@code where} prefixes the messages (which task of a batch). */
    private NewTask checked(String name, String projectId, JsonNode params, String where) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest(where + "name is required; this server runs " + tasks.registry().names());
        }
        if (projectId != null) {
            try {
                Requests.checkProjectId(projectId);
            } catch (ApiException e) {
                throw ApiException.badRequest(where + e.detail());
            }
        }
        boolean noParams = params == null || params.isNull();
        if (!noParams && !params.isObject()) {
            throw ApiException.badRequest(where + "params must be a JSON object");
        }
        if (!noParams && params.toString().getBytes(StandardCharsets.UTF_8).length > maxParamsBytes) {
            throw new ApiException(413, "payload_too_large", where + paramsTooLarge());
        }
        if (tasks.registry().find(name).isEmpty()) {
            throw ApiException.badRequest(where + "unknown task type '" + Requests.clip(name) + "'; this server runs "
                    + tasks.registry().names());
        }
        return NewTask.of(name, projectId, noParams ? null : params);
    }

    /** 202 with where to find the task and its stream. */
    public static void accepted(Context ctx, TaskView task) {
        UUID id = task.id();
        ctx.status(202).header("Location", "/api/v1/tasks/" + id)
                .json(new TaskAccepted(id, "/api/v1/tasks/" + id, "/api/v1/tasks/" + id + "/stream"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
