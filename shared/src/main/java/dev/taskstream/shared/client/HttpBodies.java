package dev.taskstream.shared.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for error bodies, shared by the REST and SSE clients. */
final class HttpBodies {
    /** Error bodies are read up to this size; the rest is ignored. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    private HttpBodies() {
    }

    static byte[] readLimited(InputStream in, int max) throws IOException {
        try (in) {
            return in.readNBytes(max);
        }
    }

    /** The body as {@link ErrorBody} when it is a JSON object with a textual {@code error}, otherwise null. */
    static ErrorBody parseErrorBody(byte[] body) {
        return errorBody(parseObject(body));
    }

    /** The body as a JSON object, or null (empty, not JSON, or not an object). */
    static JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** {@link ErrorBody} of a JSON object with a textual {@code error}, otherwise null. */
    static ErrorBody errorBody(JsonNode node) {
        if (node != null && node.isObject() && node.path("error").isTextual()) {
            return new ErrorBody(node.get("error").asText(), textOrNull(node.path("detail")),
                    textOrNull(node.path("code")));
        }
        return null;
    }

    private static String textOrNull(JsonNode field) {
        return field.isMissingNode() || field.isNull() ? null : field.asText();
    }

    /** A one-line, length-limited rendering of a non-JSON body for error messages. */
    static String snippet(byte[] body, int maxChars) {
        if (body == null || body.length == 0) {
            return "";
        }
        String s = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return s.length() <= maxChars ? s : s.substring(0, maxChars) + "…";
    }
}
