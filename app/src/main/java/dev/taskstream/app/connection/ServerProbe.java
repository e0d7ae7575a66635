package dev.taskstream.app.connection;

import dev.taskstream.shared.api.ProjectView;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import java.time.Duration;
import java.util.List;

/**
 * Checks a server before the app commits to it: {@code GET /api/v1/health}, then {@code GET /projects}. Blocking;
 * call off the FX thread. Every failure becomes a sentence a person can act on ({@link ConnectFailure}).
 */
public final class ServerProbe {
    private ServerProbe() {
    }

    /** A connected client and the server's projects. */
    public record Connected(TaskstreamClient client, List<ProjectView> projects) {
    }

    public static final class ConnectFailure extends Exception {
        public ConnectFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Connected connect(String url, String token) throws ConnectFailure {
        if (url == null || url.isBlank()) {
            throw new ConnectFailure("Enter the server's URL, e.g. http://127.0.0.1:8000", null);
        }
        TaskstreamClient client;
        try {
            client = TaskstreamClient.builder(url.strip()).token(token).connectTimeout(Duration.ofSeconds(4))
                    .requestTimeout(Duration.ofSeconds(10)).build();
        } catch (IllegalArgumentException e) {
            throw new ConnectFailure("“" + url.strip() + "” is not a server URL; use http://host:port", e);
        }
        try {
            client.health();
            return new Connected(client, client.listProjects());
        } catch (ApiException e) {
            client.close();
            throw new ConnectFailure(describe(client.baseUrl(), e), e);
        } catch (RuntimeException e) {
            client.close();
            throw new ConnectFailure("cannot reach server at " + client.baseUrl() + ": " + e.getMessage(), e);
        }
    }

    static String describe(String base, ApiException e) {
        if (e.isConnectionFailure()) {
            return e.getMessage(); // "cannot reach server at http://…: connection refused"
        }
        if (e.isUnauthorized()) {
            return "The server at " + base + " needs a valid token (HTTP " + e.status() + ")";
        }
        if (e.isNotFound()) {
            return base + " answers, but it is not a Taskstream server (no /api/v1/health)";
        }
        if (e.status() == 503) {
            return "The server at " + base + " is up but not ready (its database is unreachable); try again shortly";
        }
        return e.getMessage();
    }
}
