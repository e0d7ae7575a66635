package dev.taskstream.server.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the configured browser origins, on every answer: it runs before the token check, and
 * Jetty's own error answers use it too, so a page sees a 401, 413 or 503 instead of "Failed to
 * fetch" and can tell a bad token from a network failure. (Javalin's CorsPlugin adds its headers
 * in a handler that runs after ours, and never on Jetty's answers.)
 */
public final class Cors {
    /** Headers a page may read besides the simple ones: where a task is, and when to try again. */
    private static final String EXPOSED = "Location, Retry-After, WWW-Authenticate";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";

    private final Set<String> origins;

    /** {@code origins} as checked by {@code SafeDefaults.corsOriginProblem}; empty turns CORS off. */
    public Cors(List<String> origins) {
        this.origins = origins.stream().map(Cors::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** The headers for an answer to a request from {@code origin}; empty if that origin is not allowed. */
    public Map<String, String> headersFor(String origin) {
        if (origin == null || !origins.contains(normalise(origin))) {
            return Map.of();
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Access-Control-Allow-Origin", origin);
        h.put("Vary", "Origin");
        h.put("Access-Control-Expose-Headers", EXPOSED);
        return h;
    }

    /** A before handler: adds the headers, and answers a preflight request itself (204). */
    public void handle(Context ctx) {
        Map<String, String> headers = headersFor(ctx.header("Origin"));
        headers.forEach(ctx::header);
        String method = ctx.header("Access-Control-Request-Method");
        if (!headers.isEmpty() && ctx.method().name().equals("OPTIONS") && method != null) {
            ctx.header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT");
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            ctx.skipRemainingHandlers();
        }
    }

    /** Browsers send the origin as scheme://host[:port] in lower case; operators may add a slash. */
    private static String normalise(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return (uri.getScheme() + "://" + uri.getHost() + port).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return origin.strip().toLowerCase(Locale.ROOT);
        }
    }
}
