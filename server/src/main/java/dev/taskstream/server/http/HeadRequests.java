package dev.taskstream.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import java.util.List;
import java.util.Set;

/**
 * HEAD on a GET route answers what GET would: the same handler runs, and Jetty sends its status
 * and headers without the body. Left to itself, Javalin answers HEAD on any GET route with an
 * empty 200 without running the route, even for a task that does not exist. HEAD on a stream is a
 * 405, since a stream's answer never ends.
 */
final class HeadRequests {
    private HeadRequests() {
    }

    /** Adds a HEAD route next to every GET route of {@code app}; call once all routes are registered. */
    static void mirrorGetRoutes(Javalin app, Set<String> streamRoutes) {
        InternalRouter router = app.unsafe.internalRouter;
        List<Endpoint> gets = router.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(e -> e.method.equals(HandlerType.GET)).toList();
        for (Endpoint get : gets) {
            router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, get.path,
                    streamRoutes.contains(get.path) ? HeadRequests::notForStreams : get.handler, Set.of()));
        }
    }

    private static void notForStreams(Context ctx) {
        ctx.header("Allow", "GET");
        throw new ApiException(405, "method_not_allowed", "a stream has no HEAD: open it with GET");
    }
}
