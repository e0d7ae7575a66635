package dev.taskstream.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Everything a server process is started with (the {@code serve} options).
 *
 * @param dbUrl       JDBC URL; H2 ({@code jdbc:h2:...}) or Postgres ({@code jdbc:postgresql://...})
 * @param token       when set, every endpoint but health requires {@code Authorization: Bearer token}
 * @param heartbeat   how often an idle stream gets a {@code : ping} comment
 * @param retry       the {@code retry:} reconnect delay sent to stream clients
 * @param streamBufferEvents  events buffered per stream client before a slow client is dropped
 * @param corsOrigins origins allowed to call the API from a browser (empty: CORS off)
 * @param insecure    allow listening on a non-loopback address without a token
 * @param maxStreamsPerClient open streams allowed per client address (0: no limit)
 * @param maxStreams  open streams allowed in total (0: no limit)
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
        int maxStreams) {

    public ServerSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static ServerSettings defaults(String dbUrl) {
        return new ServerSettings("127.0.0.1", 8000, dbUrl, null, null, false, null, 2, Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(2), 1024, 64L * 1024 * 1024, List.of(), false, 256, 20_000);
    }

    public ServerSettings withPort(int port) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withDb(String dbUrl, String dbUser, String dbPassword) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withLease(Duration lease) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withHeartbeat(Duration heartbeat) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withWorkers(int workers) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withDemo(boolean demo) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withMaxBodyBytes(long maxBodyBytes) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withStreamBuffer(int streamBufferEvents) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withToken(String token) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withCorsOrigins(List<String> corsOrigins) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withHost(String host) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withInsecure(boolean insecure) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat,
                retry, streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }

    public ServerSettings withStreamLimits(int maxStreamsPerClient, int maxStreams) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat, retry,
                streamBufferEvents, maxBodyBytes, corsOrigins, insecure, maxStreamsPerClient, maxStreams);
    }
}
