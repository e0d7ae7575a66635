package dev.taskstream.server.task;

/** Told about every event after its transaction committed (the stream pipeline implements it). */
@FunctionalInterface
public interface TaskEventListener {
    void committed(TaskEvent event);
}
