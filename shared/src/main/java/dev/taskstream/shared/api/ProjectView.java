package dev.taskstream.shared.api;

import java.time.Instant;

public record ProjectView(String id, String name, Instant createdAt, Instant updatedAt) {
}
