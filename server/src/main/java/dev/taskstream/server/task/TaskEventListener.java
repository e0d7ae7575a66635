package dev.taskstream.server.task;

/** Told about every event after its transaction committed (the stream pipeline implements it). */
@FunctionalInterface
public interface TaskEventListener {
    void committed(TaskEvent event);

    /** This listener, then {@code next}, for each event. */
    default TaskEventListener andThen(TaskEventListener next) {
        return event -> {
            committed(event);
            next.committed(event);
        };
    }
}
