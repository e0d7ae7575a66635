package dev.taskstream.server.http;

import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.api.ErrorCodes;
import dev.taskstream.shared.json.Json;
import dev.taskstream.server.config.ServerSettings;
import dev.taskstream.server.db.ConnectionRetry;
import dev.taskstream.server.db.SqlErrors;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin application: settings, JSON errors for every failure, and the feature routes. Knows no
 * feature: each feature's routes register the answers to its own exceptions.
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    /**
     * Connections the kernel may hold until the acceptor takes them (capped by net.core.somaxconn).
     * Jetty's default leaves the JDK's 50: when hundreds of stream clients connect at once (a restart
     * sends them all back together) the queue overflows, the kernel drops their handshakes and the
     * clients wait for SYN-ACK retries, 1, 3, 7, 15 and 31 s later (ConnectChurn timed out on this).
     */
    static final int ACCEPT_QUEUE = 4096;

    private HttpApi() {
    }

    public static Javalin create(ServerSettings settings, List<Consumer<RoutesConfig>> features) {
        Cors cors = new Cors(settings.corsOrigins());
        Javalin app = Javalin.create(cfg -> {
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true; // one cheap thread per open SSE stream
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            // Compression would buffer SSE frames; our JSON answers are small.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(cors)));
            cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler(cors)));
            registerErrorHandlers(cfg.routes);
            cfg.routes.before(cors::handle); // first, so that a 401 carries the CORS headers too
            if (settings.token() != null) {
                AccessControl access = new AccessControl(settings.token());
                cfg.routes.before(access::check);
            }
            cfg.routes.before(StorableText::checkQuery); // no NUL or lone surrogate reaches a query's SQL
            features.forEach(f -> f.accept(cfg.routes));
        });
        HeadRequests.mirrorGetRoutes(app, AccessControl.STREAM_ROUTES);
        return app;
    }

    private static void registerErrorHandlers(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.error(), e.detail()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String detail = switch (status) {
                case 404 -> "no such endpoint: " + ctx.method() + " " + Requests.clip(ctx.path())
                        + " (the API lives under /api/v1)";
                case 413 -> "request body too large";
                default -> e.getMessage();
            };
            String code = status == 404 ? ErrorCodes.NO_SUCH_ENDPOINT : errorName(status);
            error(ctx, status, errorName(status), detail, code);
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (ConnectionRetry.isConnectionFailure(e)) {
                databaseDown(ctx, e);
                return;
            }
            if (SqlErrors.isConcurrencyConflict(e)) {
                log.warn("concurrency conflict on {} {}: {}", ctx.method(), ctx.path(), e.toString());
                ctx.header("Retry-After", "1");
                error(ctx, 503, "busy", "the request collided with concurrent changes; try again");
                return;
            }
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal_error", "unexpected server error; the server log has the details");
        });
    }

    private static void databaseDown(Context ctx, Exception e) {
        log.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.toString());
        ctx.header("Retry-After", "5");
        error(ctx, 503, "database_unavailable", "the database cannot be reached; try again shortly");
    }

    /** The JSON error answer; its {@code code} is the error name, for errors that need no finer reason. */
    public static void error(Context ctx, int status, String error, String detail) {
        error(ctx, status, error, detail, error);
    }

    /** The JSON error answer with a machine-readable {@code code} that clients match on. */
    public static void error(Context ctx, int status, String error, String detail, String code) {
        error(ctx, status, new ErrorBody(error, detail, code));
    }

    /** The JSON error answer: every error body is an {@link ErrorBody}, also those that name a task or a limit. */
    public static void error(Context ctx, int status, ErrorBody body) {
        ctx.status(status).json(body);
    }

    static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "server_error" : "client_error";
        };
    }
}
