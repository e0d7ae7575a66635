package dev.taskstream.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Bearer-token check in front of every endpoint but health. Stream endpoints also take the token
 * as {@code access_token} in the query, because a browser's EventSource cannot set headers.
 * Tokens are compared in constant time and never logged.
 */
public final class AccessControl {
    private static final String HEALTH = "/api/v1/health";

    private final byte[] token;

    public AccessControl(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public void check(Context ctx) {
        if (ctx.path().equals(HEALTH) || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        String presented = null;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        } else if (ctx.path().endsWith("/stream")) {
            presented = ctx.queryParam("access_token");
        }
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", presented == null
                    ? "this server requires a token: send 'Authorization: Bearer <token>'"
                    : "the token is not valid for this server");
        }
    }
}
