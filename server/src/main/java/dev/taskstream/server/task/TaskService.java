package dev.taskstream.server.task;

import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.util.List;
import java.util.UUID;

/** What the API may do with tasks: submit, list, cancel, retry; tells the local engine at once. */
public final class TaskService {
    private final TaskStorage storage;
    private final TaskLifecycle lifecycle;
    private final TaskRegistry registry;
    private final TaskEngine engine;

    public TaskService(TaskStorage storage, TaskLifecycle lifecycle, TaskRegistry registry, TaskEngine engine) {
        this.storage = storage;
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.engine = engine;
    }

    public TaskRegistry registry() {
        return registry;
    }

    /**
     * Enqueues a task of a registered type. A type that runs one at a time per project gets an
     * exclusive key (its {@link TaskHandler#exclusiveGroup} and the project), so a second submission
     * of that group throws {@link ExclusiveTaskActiveException}.
     */
    public TaskView submit(NewTask task) {
        if (registry.find(task.name()).isEmpty()) {
            throw new IllegalArgumentException("unknown task type '" + task.name() + "'; this server runs "
                    + registry.names());
        }
        String key = exclusiveKey(task.name(), task.projectId());
        TaskView created = storage.create(key == null ? task : task.exclusive(key));
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
        List<TaskView> created = storage.createAll(batch);
        engine.wakeUp();
        return created;
    }

    public TaskView get(UUID id) {
        return storage.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    /** Newest first; see {@link TaskStorage#list}. */
    public Page<TaskView> list(TaskFilter filter, int limit, int offset) {
        return storage.list(filter, limit, offset);
    }

    /** See {@link TaskLifecycle#requestCancel}; a task running in this process hears of it at once. */
    public TaskView cancel(UUID id) {
        TaskStorage.Committed c = lifecycle.requestCancel(id);
        if (c.task().status() == TaskStatus.PROCESSING) {
            engine.signalCancel(id);
        }
        return c.task();
    }

    /**
     * The next attempt of a failed or cancelled task, with the same type, project and parameters; once per
     * task ({@link TaskAlreadyRetriedException} names the retry already made).
     */
    public TaskView retry(UUID id) {
        TaskView old = get(id);
        TaskView created = storage.retry(id, exclusiveKey(old.name(), old.projectId()));
        engine.wakeUp();
        return created;
    }

    /** The key that keeps a task type one at a time per project, or null when the type runs freely. */
    private String exclusiveKey(String name, String projectId) {
        return projectId == null ? null : registry.find(name).filter(TaskHandler::exclusivePerProject)
                .map(h -> h.exclusiveGroup() + ":" + projectId).orElse(null);
    }
}
