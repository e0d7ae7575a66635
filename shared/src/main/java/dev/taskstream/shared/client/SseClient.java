package dev.taskstream.shared.client;

import dev.taskstream.shared.api.ErrorBody;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client on {@link java.net.http.HttpClient} with EventSource-style reconnects.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Requests carry {@code Accept: text/event-stream}, {@code Cache-Control: no-cache}, an optional
 *       {@code Authorization: Bearer} token and, once an id is known (or configured), {@code Last-Event-ID}.</li>
 *   <li>200 with {@code text/event-stream} opens the stream. 204 means "nothing more": the client closes without
 *       reconnecting. 502, 503, 504 and 429 are treated as transient (a proxy or a restarting node) and retried
 *       with backoff, honouring {@code Retry-After} seconds; this can be switched off. Every other status, and a
 *       200 with another content type, closes the client at once (no reconnect loop), reporting the status and the
 *       JSON {@link ErrorBody} when the body is one.</li>
 *   <li>When the connection cannot be made or an open stream drops, the client reconnects after a delay:
 *       {@code base × 2^(failures-1)}, capped at {@code maxBackoff}, plus up to 25 % random jitter (never below the
 *       base, never above the cap; from the second consecutive failure the base is at least 10 ms, so
 *       {@code retry: 0} cannot cause a tight loop). The base is the server's latest {@code retry:} value, else
 *       {@code initialRetry}. A successful open resets the failure count, so a plain drop waits about one base
 *       delay. {@code maxReconnectAttempts} bounds consecutive failed attempts.</li>
 *   <li>Idle watchdog: when no byte at all (events or heartbeat comments) arrives for 3 × the heartbeat period
 *       (default 15 s, so 45 s), also while waiting for response headers, the connection is dropped and
 *       re-established. Time spent in listener callbacks does not count as silence. A zero heartbeat disables the
 *       watchdog.</li>
 *   <li>A stop condition ({@link Builder#stopOn}) ends the client after delivering a matching event, so a server that
 *       closes the response after a terminal event causes no reconnect.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Each client runs one reader thread (a virtual thread by default) that connects, reads and calls the
 * {@link SseListener} - always from that thread, in order ({@link SseConnectionLoop}; the delays come from
 * {@link ReconnectPolicy}, the bytes are parsed by {@link SseParser}). While a stream is open a second,
 * short-lived {@link IdleWatchdog} thread from the same factory watches for silence. {@link #close()} may be called from any thread, including a
 * listener callback, any number of times; it returns at once after cancelling the request, closing the body and
 * interrupting the reader, and the reader thread ends promptly ({@link #awaitTermination}). All public methods are
 * thread-safe.
 */
public final class SseClient implements AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Upper bound of the random extra delay, as a fraction of the backoff delay. */
    static final double JITTER = ReconnectPolicy.JITTER;
    /** Smallest base the exponential backoff grows from (the first retry uses the server's value as is). */
    static final long MIN_GROWTH_BASE_MILLIS = ReconnectPolicy.MIN_GROWTH_BASE_MILLIS;

    private final URI uri;
    private final SseConnectionLoop loop;

    private SseClient(Builder b, SseListener listener) {
        this.uri = b.uri;
        HttpClient http = b.httpClient == null ? defaultHttpClient(b.connectTimeout) : b.httpClient;
        long n = SEQUENCE.incrementAndGet();
        ThreadFactory threads = b.threadFactory != null ? b.threadFactory
                : Thread.ofVirtual().name("taskstream-sse-" + n + "-", 0).factory();
        this.loop = new SseConnectionLoop(b, listener, http, threads);
    }

    /** The HttpClient used when none is given: HTTP/1.1, follows redirects, the given connect timeout. */
    static HttpClient defaultHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout)
                .build();
    }

    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    public static Builder builder(String uri) {
        return new Builder(URI.create(uri));
    }

    public URI uri() {
        return uri;
    }

    public ConnectionState state() {
        return loop.state();
    }

    /** The id of the last event received (sent as {@code Last-Event-ID} on reconnect), or null. */
    public String lastEventId() {
        return loop.lastEventId();
    }

    /** The current base reconnect delay: the server's last {@code retry:} value or the configured initial one. */
    public Duration retryDelay() {
        return Duration.ofMillis(loop.retryMillis());
    }

    /** True once the client has stopped for good (after {@code onClosed}). */
    public boolean isTerminated() {
        return loop.isTerminated();
    }

    /** Waits until the reader thread has finished; true if it did within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return loop.awaitTermination(timeout);
    }

    /**
     * Stops the client: cancels a pending request, closes the open body, interrupts the reader. Idempotent, safe from
     * any thread (also from a listener callback), does not block. The listener then gets
     * {@code onStateChange(CLOSED)} and {@code onClosed(CLIENT_CLOSED)} unless the client had already stopped.
     */
    @Override
    public void close() {
        loop.close();
    }

    /** See {@link ReconnectPolicy#backoffMillis}. */
    static long backoffMillis(long base, long cap, int failures, double random) {
        return ReconnectPolicy.backoffMillis(base, cap, failures, random);
    }

    static boolean isTransient(int status) {
        return ReconnectPolicy.isTransient(status);
    }

    static boolean isEventStream(String contentType) {
        return SseConnectionLoop.isEventStream(contentType);
    }

    /** A short human description of a connection failure (the JDK's exceptions often have null messages). */
    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof EOFException) {
                return "the server closed the connection";
            }
        }
        String m = t.getMessage();
        return (m == null || m.isBlank()) ? t.getClass().getSimpleName() : m;
    }

    // ---------------------------------------------------------------- builder

    /**
     * Configures and starts an {@link SseClient}. Not thread-safe; one builder may start several clients. The fields
     * are package-private so that the {@link SseConnectionLoop} copies them when a client starts.
     */
    public static final class Builder {
        URI uri;
        String token;
        final Map<String, String> headers = new LinkedHashMap<>();
        Duration initialRetry = Duration.ofSeconds(3);
        Duration maxBackoff = Duration.ofSeconds(30);
        Duration heartbeat = Duration.ofSeconds(15);
        Duration connectTimeout = Duration.ofSeconds(5);
        int maxReconnectAttempts = -1;
        boolean retryTransientStatuses = true;
        Predicate<SseEvent> stopWhen;
        String lastEventId;
        HttpClient httpClient;
        ThreadFactory threadFactory;
        int maxLineBytes = SseParser.DEFAULT_MAX_LINE_BYTES;

        private Builder(URI uri) {
            uri(uri);
        }

        public Builder uri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("SSE URL must be http or https: " + uri);
            }
            this.uri = uri;
            return this;
        }

        /** Sends {@code Authorization: Bearer <token>}; null or blank for none. */
        public Builder bearerToken(String token) {
            this.token = token;
            return this;
        }

        /** An extra request header (not Accept, Cache-Control, Authorization or Last-Event-ID). */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Base reconnect delay until the server sends {@code retry:}; default 3 s. */
        public Builder initialRetry(Duration delay) {
            this.initialRetry = positiveOrZero(delay, "initialRetry");
            return this;
        }

        /** Cap of the exponential backoff; default 30 s (a larger server {@code retry:} still wins). */
        public Builder maxBackoff(Duration cap) {
            this.maxBackoff = positiveOrZero(cap, "maxBackoff");
            return this;
        }

        /**
         * The server's heartbeat period; the connection counts as dead after 3 × this without any byte.
         * Default 15 s; {@link Duration#ZERO} disables the watchdog.
         */
        public Builder heartbeat(Duration period) {
            this.heartbeat = positiveOrZero(period, "heartbeat");
            return this;
        }

        /** Connect timeout of the HttpClient this builder creates (ignored with {@link #httpClient}); default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positiveOrZero(timeout, "connectTimeout");
            return this;
        }

        /** Consecutive failed reconnect attempts before giving up; negative (default) = never give up, 0 = never reconnect. */
        public Builder maxReconnectAttempts(int attempts) {
            this.maxReconnectAttempts = attempts;
            return this;
        }

        /** Whether 502/503/504/429 are retried with backoff (default) or end the client like other errors. */
        public Builder retryTransientStatuses(boolean retry) {
            this.retryTransientStatuses = retry;
            return this;
        }

        /** Ends the client after delivering an event whose name matches, e.g. {@code stopOn(StreamEvents::isTerminal)}. */
        public Builder stopOn(Predicate<String> eventName) {
            Objects.requireNonNull(eventName, "eventName");
            this.stopWhen = e -> eventName.test(e.event());
            return this;
        }

        /** Ends the client after delivering an event that matches. */
        public Builder stopWhen(Predicate<SseEvent> condition) {
            this.stopWhen = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /** Resume after this event id: sent as {@code Last-Event-ID} from the first request on. */
        public Builder lastEventId(String id) {
            this.lastEventId = (id == null || id.isEmpty()) ? null : id;
            return this;
        }

        /** Reuse an HttpClient (recommended when several streams run); it is not closed by the SSE client. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        /** Where the reader and watchdog threads come from; default: named virtual threads. */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = factory;
            return this;
        }

        /** Longest accepted line in bytes (protects memory); default 8 MiB. */
        public Builder maxLineBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxLineBytes must be positive");
            }
            this.maxLineBytes = bytes;
            return this;
        }

        /** Starts a client that delivers to {@code listener}; it connects at once on its own thread. */
        public SseClient connect(SseListener listener) {
            Objects.requireNonNull(listener, "listener");
            SseClient client = new SseClient(this, listener);
            client.loop.start();
            return client;
        }

        private static Duration positiveOrZero(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        }
    }
}
