package dev.taskstream.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.util.List;
import java.util.UUID;

/** What the API may do with tasks: submit, list, cancel, retry; tells the local engine at once. */
public final class TaskService {
    private final TaskStore store;
    private final TaskQueries queries;
    private final TaskLifecycle lifecycle;
    private final TaskRegistry registry;
    private final TaskEngine engine;

    public TaskService(TaskStore store, TaskQueries queries, TaskLifecycle lifecycle, TaskRegistry registry,
            TaskEngine engine) {
        this.store = store;
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.engine = engine;
    }

    public TaskRegistry registry() {
        return registry;
    }

    /**
     * Enqueues a task of a registered type. A type that runs one at a time per project gets an
     * exclusive key, so a second submission throws {@link ExclusiveTaskActiveException}.
     */
    public TaskView submit(NewTask task) {
        TaskHandler handler = registry.find(task.name()).orElseThrow(() -> new IllegalArgumentException(
                "unknown task type '" + task.name() + "'; this server runs " + registry.names()));
        boolean exclusive = handler.exclusivePerProject() && task.projectId() != null;
        TaskView created = store.create(exclusive ? task.exclusive(task.name() + ":" + task.projectId()) : task);
        // After the stream sink heard of it: a worker's first event then rarely overtakes this one.
        engine.wakeUp();
        return created;
    }

    /** Enqueues several tasks of registered, non-exclusive types in one transaction (all or none). */
    public List<TaskView> submitAll(List<NewTask> batch) {
        for (NewTask task : batch) {
            TaskHandler handler = registry.find(task.name()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown task type '" + task.name() + "'; this server runs " + registry.names()));
            if (handler.exclusivePerProject()) {
                throw new IllegalArgumentException("'" + task.name() + "' runs one at a time per project: "
                        + "submit it alone");
            }
        }
        List<TaskView> created = store.createAll(batch);
        engine.wakeUp();
        return created;
    }

    public TaskView get(UUID id) {
        return queries.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    /** Newest first; see {@link TaskQueries#list}. */
    public Page<TaskView> list(TaskFilter filter, int limit, int offset) {
        return queries.list(filter, limit, offset);
    }

    /** See {@link TaskLifecycle#requestCancel}; a task running in this process hears of it at once. */
    public TaskView cancel(UUID id) {
        TaskStore.Committed c = lifecycle.requestCancel(id);
        if (c.task().status() == TaskStatus.PROCESSING) {
            engine.signalCancel(id);
        }
        return c.task();
    }

    /** A new attempt of a failed or cancelled task, with the same type, project and parameters. */
    public TaskView retry(UUID id) {
        TaskRow old = queries.findRow(id).orElseThrow(() -> new TaskNotFoundException(id));
        if (old.status() != TaskStatus.FAILED && old.status() != TaskStatus.CANCELLED) {
            throw new TaskStateException("task " + id + " is " + old.status().wire()
                    + "; only failed or cancelled tasks can be retried");
        }
        JsonNode params = old.paramsJson();
        return submit(new NewTask(old.name(), old.projectId(), params, null, old.attempt() + 1, old.id()));
    }
}
