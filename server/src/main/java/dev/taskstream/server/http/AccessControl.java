package dev.taskstream.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bearer-token check in front of every endpoint but health. The two stream endpoints also take the
 * token as {@code access_token} in the query, because a browser's EventSource cannot set headers.
 * Tokens are compared in constant time and never logged.
 */
public final class AccessControl {
    private static final String HEALTH = "/api/v1/health";
    /** The routes of the two streams, as registered (HEAD on them is refused, see {@link HeadRequests}). */
    static final Set<String> STREAM_ROUTES = Set.of("/api/v1/tasks/stream", "/api/v1/tasks/{id}/stream");
    /** Request paths of those routes, matched whole: not just any path that ends in /stream. */
    private static final Pattern STREAM_PATH = Pattern.compile("/api/v1/tasks(/[^/]+)?/stream");

    private final byte[] token;

    /** Surrounding whitespace is not part of a token: HTTP drops it from a header value anyway. */
    public AccessControl(String token) {
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
    }

    public void check(Context ctx) {
        if (ctx.path().equals(HEALTH) || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        String presented = null;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).strip();
        } else if (ctx.method().name().equals("GET") && STREAM_PATH.matcher(ctx.path()).matches()) {
            String query = ctx.queryParam("access_token");
            presented = query == null ? null : query.strip();
        }
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", presented == null
                    ? "this server requires a token: send 'Authorization: Bearer <token>'"
                    : "the token is not valid for this server");
        }
    }
}
