package dev.taskstream.server.http;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.metrics.Metrics;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/health} (liveness and database readiness) and {@code GET /metrics}. */
public final class HealthRoutes {
    private final Database db;
    private final Metrics metrics;
    private final String nodeId;
    private final String version;

    public HealthRoutes(Database db, Metrics metrics, String nodeId, String version) {
        this.db = db;
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.version = version;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/health", ctx -> {
            boolean up = db.isReachable();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "ok" : "degraded");
            body.put("database", up ? "up" : "down");
            body.put("node", nodeId);
            body.put("version", version);
            ctx.status(up ? 200 : 503).json(body);
        });
        routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
    }
}
