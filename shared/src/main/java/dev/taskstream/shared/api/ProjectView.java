package dev.taskstream.shared.api;

import java.time.Instant;

/** A project (a knowledge graph): {@code GET /projects}, {@code PUT /projects/{id}}. */
public record ProjectView(String id, String name, Instant createdAt) {
}
