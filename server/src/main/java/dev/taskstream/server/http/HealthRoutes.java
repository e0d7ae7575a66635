package dev.taskstream.server.http;

import dev.taskstream.server.db.DatabaseProbe;
import dev.taskstream.server.metrics.Metrics;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/health} (liveness and database readiness) and {@code GET /metrics}. Health answers
 * from the background probe's last check, so it stays fast while the pool is busy or the database hangs.
 */
public final class HealthRoutes {
    private final DatabaseProbe probe;
    private final Metrics metrics;
    private final String nodeId;
    private final String version;

    public HealthRoutes(DatabaseProbe probe, Metrics metrics, String nodeId, String version) {
        this.probe = probe;
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.version = version;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/health", ctx -> {
            DatabaseProbe.Readiness readiness = probe.readiness();
            boolean up = readiness.up();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "ok" : "degraded");
            body.put("database", up ? "up" : "down");
            body.put("database_checked_at", readiness.checkedAt().toString());
            body.put("node", nodeId);
            body.put("version", version);
            ctx.status(up ? 200 : 503).json(body);
        });
        routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
    }
}
