package dev.taskstream.server.graph;

import dev.taskstream.server.task.TaskInputException;

/**
 * An import rejected because of its content; the message names the offending item (for example
 * {@code edges[12]: target 'e99' is not an entity of project p1}). Nothing of the import is kept.
 */
public final class InvalidGraphException extends TaskInputException {
    public InvalidGraphException(String message) {
        super(message);
    }
}
