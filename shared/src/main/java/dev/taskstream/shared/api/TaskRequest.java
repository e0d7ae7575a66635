package dev.taskstream.shared.api;

import com.fasterxml.jackson.databind.JsonNode;

/** One task to enqueue: its type, optional project and optional parameters (a JSON object). */
public record TaskRequest(String name, String projectId, JsonNode params) {
}
