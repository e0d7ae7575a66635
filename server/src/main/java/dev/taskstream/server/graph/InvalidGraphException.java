package dev.taskstream.server.graph;

/**
 * An import rejected because of its content; the message names the offending item (for example
 * {@code edges[12]: target 'e99' is not an entity of project p1}). Nothing of the import is kept.
 */
public final class InvalidGraphException extends RuntimeException {
    public InvalidGraphException(String message) {
        super(message, null, false, false);
    }
}
