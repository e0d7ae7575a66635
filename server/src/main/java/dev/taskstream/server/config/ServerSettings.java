package dev.taskstream.server.config;

import java.time.Duration;

/**
 * Everything a server process is started with (the {@code serve} options).
 *
 * @param dbUrl       JDBC URL; H2 ({@code jdbc:h2:...}) or Postgres ({@code jdbc:postgresql://...})
 * @param heartbeat   how often an idle stream gets a {@code : ping} comment
 * @param streamBufferEvents  events buffered per stream client before a slow client is dropped
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
        long maxBodyBytes) {

    public static ServerSettings defaults(String dbUrl) {
        return new ServerSettings("127.0.0.1", 8000, dbUrl, null, null, false, null, 2, Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(2), 1024, 64L * 1024 * 1024);
    }

    public ServerSettings withPort(int port) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat, retry,
                streamBufferEvents, maxBodyBytes);
    }

    public ServerSettings withDb(String url, String user, String password) {
        return new ServerSettings(host, port, url, user, password, demo, token, workers, lease, heartbeat, retry,
                streamBufferEvents, maxBodyBytes);
    }

    public ServerSettings withLease(Duration lease) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat, retry,
                streamBufferEvents, maxBodyBytes);
    }

    public ServerSettings withHeartbeat(Duration heartbeat) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat, retry,
                streamBufferEvents, maxBodyBytes);
    }

    public ServerSettings withWorkers(int workers) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat, retry,
                streamBufferEvents, maxBodyBytes);
    }

    public ServerSettings withDemo(boolean demo) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat, retry,
                streamBufferEvents, maxBodyBytes);
    }

    public ServerSettings withMaxBodyBytes(long maxBodyBytes) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat, retry,
                streamBufferEvents, maxBodyBytes);
    }

    public ServerSettings withStreamBuffer(int events) {
        return new ServerSettings(host, port, dbUrl, dbUser, dbPassword, demo, token, workers, lease, heartbeat, retry,
                events, maxBodyBytes);
    }
}
