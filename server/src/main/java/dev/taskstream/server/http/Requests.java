package dev.taskstream.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.taskstream.shared.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reading path, query and body values, each failure a 400 that says what to send instead. */
public final class Requests {
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** How much of a refused body is read and dropped so that the refusal reaches the client (see afterDraining). */
    private static final long DRAIN_BYTES = 8L * 1024 * 1024;

    private Requests() {
    }

    public static UUID uuidPath(Context ctx, String name) {
        return parseUuid(ctx.pathParam(name), name);
    }

    public static UUID parseUuid(String value, String what) {
        if (value == null || !UUID_PATTERN.matcher(value).matches()) {
            throw ApiException.badRequest("malformed " + what + " '" + clip(value)
                    + "': expected a UUID like 123e4567-e89b-12d3-a456-426614174000");
        }
        return UUID.fromString(value);
    }

    public static String projectIdPath(Context ctx) {
        return checkProjectId(ctx.pathParam("project_id"));
    }

    public static String checkProjectId(String value) {
        if (value == null || !PROJECT_ID.matcher(value).matches()) {
            throw ApiException.badRequest("malformed project id '" + clip(value) + "': use 1-64 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** An optional integer query parameter within [min, max]. */
    public static int intQuery(Context ctx, String name, int defaultValue, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", got '"
                    + clip(raw) + "'");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(name + " must be from " + min + " to " + max + ", got " + value);
        }
        return (int) value;
    }

    /** Rejects query parameters the endpoint does not know, so a typo does not silently match everything. */
    public static void allowQueryParams(Context ctx, Set<String> allowed) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + clip(name) + "'; this endpoint takes "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    /** The JSON body as {@code type}; an empty body is read as {@code {}} when {@code emptyAllowed}. */
    public static <T> T jsonBody(Context ctx, Class<T> type, boolean emptyAllowed) {
        return parseJson(ctx.body(), type, emptyAllowed);
    }

    /**
     * The body as text, of at most {@code maxBytes}: the bytes are counted as they arrive, so a chunked body
     * (which declares no length) is held to the limit too, and no more than the limit is ever in memory.
     * Beyond it a 413 whose detail is {@code tooLarge}.
     */
    public static String boundedBody(Context ctx, long maxBytes, String tooLarge) {
        ApiException refused = new ApiException(413, "payload_too_large", tooLarge);
        if (declaredLength(ctx) > maxBytes) {
            throw afterDraining(ctx, refused, true);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw afterDraining(ctx, refused, false);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    /** The request's declared Content-Length, or -1 when it declares none; a malformed one is a 400. */
    public static long declaredLength(Context ctx) {
        String declared = ctx.header("Content-Length");
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("malformed Content-Length header");
        }
    }

    /**
     * {@code refusal}, after reading and dropping up to {@value #DRAIN_BYTES} bytes of the body it refuses. Closing a
     * connection with unread input makes the kernel answer with a reset, which can destroy the refusal before a
     * client that is still sending reads it; draining first lets it arrive. A client that sent
     * {@code Expect: 100-continue} waits for our go-ahead, which reading would give, so its unread body is left alone.
     */
    public static <E extends RuntimeException> E afterDraining(Context ctx, E refusal, boolean bodyUnread) {
        if (bodyUnread && "100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
            return refusal;
        }
        try (InputStream rest = ctx.bodyInputStream()) {
            byte[] buffer = new byte[16 * 1024];
            long left = DRAIN_BYTES;
            for (int n = rest.read(buffer); n > 0 && left > 0; n = rest.read(buffer)) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the body is gone; the answer is the same
        }
        return refusal;
    }

    /** {@link #jsonBody} of a body already read (e.g. with {@link #boundedBody}). */
    public static <T> T parseJson(String body, Class<T> type, boolean emptyAllowed) {
        if (body.isBlank()) {
            if (!emptyAllowed) {
                throw ApiException.badRequest("a JSON body is required");
            }
            body = "{}";
        }
        try {
            JsonNode tree = Json.mapper().readTree(body);
            if (tree == null || !tree.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            StorableText.checkTree(tree, "");
            return Json.strictMapper().treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'; allowed fields: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")));
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("wrong type for field '" + fieldPath(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String fieldPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** Keeps echoed input short and printable; cut between characters, never inside a surrogate pair. */
    public static String clip(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.codePoints()
                .map(c -> Character.isISOControl(c) || Character.isSurrogate((char) c) && Character.isBmpCodePoint(c)
                        ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return StorableText.clip(printable, 80 + 3); // at most 80 of its units and "..."
    }
}
