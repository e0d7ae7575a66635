package dev.taskstream.server.task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The task types this server can run. */
public final class TaskRegistry {
    private final Map<String, TaskHandler> handlers = new LinkedHashMap<>();

    public synchronized TaskRegistry register(TaskHandler handler) {
        if (handlers.putIfAbsent(handler.name(), handler) != null) {
            throw new IllegalArgumentException("task type " + handler.name() + " registered twice");
        }
        return this;
    }

    public synchronized Optional<TaskHandler> find(String name) {
        return Optional.ofNullable(handlers.get(name));
    }

    public synchronized Set<String> names() {
        return Set.copyOf(handlers.keySet());
    }
}
