package dev.taskstream.shared.api;

import java.util.UUID;

/** Answer to a request that started a task (202). */
public record TaskAccepted(UUID taskId, String taskUrl, String streamUrl) {
}
