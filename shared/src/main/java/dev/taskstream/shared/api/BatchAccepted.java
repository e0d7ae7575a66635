package dev.taskstream.shared.api;

import java.util.List;
import java.util.UUID;

/** Answer to {@code POST /tasks/batch} (202): the new tasks' ids, in the order they were sent. */
public record BatchAccepted(List<UUID> taskIds) {
}
