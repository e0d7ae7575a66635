package dev.taskstream.server.config;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a server process is started with (the {@code serve} options).
 *
 * @param host        address to listen on; an IPv6 literal may be given in brackets ({@code [::1]})
 * @param dbUrl       JDBC URL; H2 ({@code jdbc:h2:...}) or Postgres ({@code jdbc:postgresql://...})
 * @param token       when set, every endpoint but health requires {@code Authorization: Bearer token};
 *                    surrounding whitespace is not part of it
 * @param heartbeat   how often an idle stream gets a {@code : ping} comment
 * @param retry       the {@code retry:} reconnect delay sent to stream clients
 * @param streamBufferEvents  events buffered per stream client before a slow client is dropped
 * @param corsOrigins origins allowed to call the API from a browser (empty: CORS off)
 * @param insecure    allow listening on a non-loopback address without a token
 * @param maxStreamsPerClient open streams allowed per client address (0: no limit)
 * @param maxStreams  open streams allowed in total (0: no limit)
 * @param maxParamsBytes largest task {@code params} accepted (JSON bytes); the rest of the body limit is for imports
 * @param progressRate progress steps written per second per task at most; faster ones are coalesced (0: all)
 */
public record ServerSettings(
        String host,
        int port,
        String dbUrl,
        String dbUser,
        String dbPassword,
        boolean demo,
        String token,
        int workers,
        Duration lease,
        Duration heartbeat,
        Duration retry,
        int streamBufferEvents,
        long maxBodyBytes,
        List<String> corsOrigins,
        boolean insecure,
        int maxStreamsPerClient,
        int maxStreams,
        long maxParamsBytes, double progressRate) {

    public ServerSettings {
        corsOrigins = List.copyOf(corsOrigins);
        // Brackets around an IPv6 literal ("[::1]") are URL syntax, not part of the address.
        if (host != null && host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
    }

    public static final long DEFAULT_MAX_PARAMS_BYTES = 1024 * 1024;

    public static ServerSettings defaults(String dbUrl) {
        return new ServerSettings("127.0.0.1", 8000, dbUrl, null, null, false, null, 2, Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(2), 1024, 64L * 1024 * 1024, List.of(), false, 256, 20_000,
                DEFAULT_MAX_PARAMS_BYTES, 20);
    }

    public ServerSettings withPort(int port) {
        return edit(b -> b.port = port);
    }

    public ServerSettings withDb(String dbUrl, String dbUser, String dbPassword) {
        return edit(b -> {
            b.dbUrl = dbUrl;
            b.dbUser = dbUser;
            b.dbPassword = dbPassword;
        });
    }

    public ServerSettings withLease(Duration lease) {
        return edit(b -> b.lease = lease);
    }

    public ServerSettings withHeartbeat(Duration heartbeat) {
        return edit(b -> b.heartbeat = heartbeat);
    }

    public ServerSettings withWorkers(int workers) {
        return edit(b -> b.workers = workers);
    }

    public ServerSettings withDemo(boolean demo) {
        return edit(b -> b.demo = demo);
    }

    public ServerSettings withMaxBodyBytes(long maxBodyBytes) {
        return edit(b -> b.maxBodyBytes = maxBodyBytes);
    }

    public ServerSettings withStreamBuffer(int streamBufferEvents) {
        return edit(b -> b.streamBufferEvents = streamBufferEvents);
    }

    public ServerSettings withToken(String token) {
        return edit(b -> b.token = token);
    }

    public ServerSettings withCorsOrigins(List<String> corsOrigins) {
        return edit(b -> b.corsOrigins = corsOrigins);
    }

    public ServerSettings withHost(String host) {
        return edit(b -> b.host = host);
    }

    public ServerSettings withInsecure(boolean insecure) {
        return edit(b -> b.insecure = insecure);
    }

    public ServerSettings withStreamLimits(int maxStreamsPerClient, int maxStreams) {
        return edit(b -> {
            b.maxStreamsPerClient = maxStreamsPerClient;
            b.maxStreams = maxStreams;
        });
    }

    public ServerSettings withMaxParamsBytes(long maxParamsBytes) {
        return edit(b -> b.maxParamsBytes = maxParamsBytes);
    }

    public ServerSettings withProgressRate(double progressRate) {
        return edit(b -> b.progressRate = progressRate);
    }

    /** A copy with some fields changed; keeps each {@code with...} method to one line. */
    private ServerSettings edit(Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return b.build();
    }

    /** The mutable twin of the record, used only by {@link #edit}. */
    private static final class Copy {
        String host;
        int port;
        String dbUrl;
        String dbUser;
        String dbPassword;
        boolean demo;
        String token;
        int workers;
        Duration lease;
        Duration heartbeat;
        Duration retry;
        int streamBufferEvents;
        long maxBodyBytes;
        List<String> corsOrigins;
        boolean insecure;
        int maxStreamsPerClient;
        int maxStreams;
        long maxParamsBytes;
        double progressRate;

        Copy(ServerSettings s) {
            host = s.host;
            port = s.port;
            dbUrl = s.dbUrl;
            dbUser = s.dbUser;
            dbPassword = s.dbPassword;
            demo = s.demo;
            token = s.token;
            workers = s.workers;
            lease = s.lease;
            heartbeat = s.heartbeat;
            retry = s.retry;
            streamBufferEvents = s.streamBufferEvents;
            maxBodyBytes = s.maxBodyBytes;
            corsOrigins = s.corsOrigins;
            insecure = s.insecure;
            maxStreamsPerClient = s.maxStreamsPerClient;
            maxStreams = s.maxStreams;
            maxParamsBytes = s.maxParamsBytes;
            progressRate = s.progressRate;
        }

        ServerSettings build() {
            return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                    retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams,
                    maxParamsBytes, progressRate);
        }
    }
}
