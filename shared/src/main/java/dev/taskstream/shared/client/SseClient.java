package dev.taskstream.shared.client;

import dev.taskstream.shared.api.ErrorBody;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@link SseListener} - always from that thread, in order. While a stream is open a second, short-lived watchdog
 * thread from the same factory watches for silence. {@link #close()} may be called from any thread, including a
 * listener callback, any number of times; it returns at once after cancelling the request, closing the body and
 * interrupting the reader, and the reader thread ends promptly ({@link #awaitTermination}). All public methods are
 * thread-safe.
 */
public final class SseClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SseClient.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Upper bound of the random extra delay, as a fraction of the backoff delay. */
    static final double JITTER = 0.25;
    /** Smallest base the exponential backoff grows from (the first retry uses the server's value as is). */
    static final long MIN_GROWTH_BASE_MILLIS = 10;

    private final URI uri;
    private final String token;
    private final Map<String, String> headers;
    private final long maxBackoffMillis;
    private final long idleTimeoutNanos;
    private final int maxReconnectAttempts;
    private final boolean retryTransientStatuses;
    private final Predicate<SseEvent> stopWhen;
    private final HttpClient http;
    private final boolean ownsHttpClient;
    private final ThreadFactory threadFactory;
    private final SseListener listener;
    private final int maxLineBytes;

    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the pending request and the open body, so close() can cancel them. */
    private CompletableFuture<HttpResponse<InputStream>> pending;
    private InputStream body;
    private volatile Thread reader;

    private volatile ConnectionState state;
    private volatile String lastEventId;
    private volatile long retryMillis;
    private volatile long lastActivityNanos;
    private volatile boolean idleAborted;
    /** True while the reader is inside listener callbacks (not waiting for the server). */
    private volatile boolean dispatching;
    /** Reader-thread only. */
    private SseEvent stopEvent;

    private SseClient(Builder b, SseListener listener) {
        this.uri = b.uri;
        this.token = b.token;
        this.headers = Map.copyOf(b.headers);
        this.retryMillis = b.initialRetry.toMillis();
        this.maxBackoffMillis = b.maxBackoff.toMillis();
        this.idleTimeoutNanos = b.heartbeat.isZero() ? 0 : b.heartbeat.multipliedBy(3).toNanos();
        this.maxReconnectAttempts = b.maxReconnectAttempts;
        this.retryTransientStatuses = b.retryTransientStatuses;
        this.stopWhen = b.stopWhen;
        this.lastEventId = b.lastEventId;
        this.ownsHttpClient = b.httpClient == null;
        this.http = ownsHttpClient ? defaultHttpClient(b.connectTimeout) : b.httpClient;
        long n = SEQUENCE.incrementAndGet();
        this.threadFactory = b.threadFactory != null ? b.threadFactory
                : Thread.ofVirtual().name("taskstream-sse-" + n + "-", 0).factory();
        this.listener = listener;
        this.maxLineBytes = b.maxLineBytes;
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
        return state;
    }

    /** The id of the last event received (sent as {@code Last-Event-ID} on reconnect), or null. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The current base reconnect delay: the server's last {@code retry:} value or the configured initial one. */
    public Duration retryDelay() {
        return Duration.ofMillis(retryMillis);
    }

    /** True once the client has stopped for good (after {@code onClosed}). */
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** Waits until the reader thread has finished; true if it did within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the client: cancels a pending request, closes the open body, interrupts the reader. Idempotent, safe from
     * any thread (also from a listener callback), does not block. The listener then gets
     * {@code onStateChange(CLOSED)} and {@code onClosed(CLIENT_CLOSED)} unless the client had already stopped.
     */
    @Override
    public void close() {
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<HttpResponse<InputStream>> p;
        InputStream b;
        synchronized (lock) {
            p = pending;
            b = body;
        }
        if (p != null) {
            p.cancel(true);
        }
        closeQuietly(b);
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            r.interrupt();
        }
    }

    private void start() {
        Thread t = threadFactory.newThread(this::run);
        reader = t;
        t.start();
    }

    // ---------------------------------------------------------------- reader thread

    private void run() {
        CloseReason reason = null;
        try {
            int failures = 0;
            boolean first = true;
            while (true) {
                if (closeRequested.get()) {
                    reason = CloseReason.clientClosed();
                    break;
                }
                setState(first ? ConnectionState.CONNECTING : ConnectionState.RECONNECTING);
                first = false;
                Attempt attempt = connectAndRead();
                if (attempt.finalReason != null) {
                    reason = attempt.finalReason;
                    break;
                }
                failures = attempt.opened ? 1 : failures + 1;
                if (closeRequested.get()) {
                    reason = CloseReason.clientClosed();
                    break;
                }
                if (maxReconnectAttempts >= 0 && failures > maxReconnectAttempts) {
                    reason = CloseReason.retriesExhausted(failures, attempt.failure);
                    break;
                }
                long delay = Math.max(
                        backoffMillis(retryMillis, maxBackoffMillis, failures, ThreadLocalRandom.current().nextDouble()),
                        Math.min(attempt.minDelayMillis, Math.max(maxBackoffMillis, retryMillis)));
                setState(ConnectionState.RECONNECTING);
                log.debug("SSE {}: {}; reconnecting in {} ms", uri, describe(attempt.failure), delay);
                Duration retryIn = Duration.ofMillis(delay);
                safely(() -> listener.onFailure(attempt.failure, retryIn));
                if (!pause(delay)) {
                    reason = CloseReason.clientClosed();
                    break;
                }
            }
        } catch (Throwable t) {
            log.warn("SSE {}: unexpected error", uri, t);
            reason = CloseReason.error(t);
        } finally {
            if (ownsHttpClient) {
                http.shutdownNow();
            }
            if (reason == null) {
                reason = CloseReason.clientClosed();
            }
            Thread.interrupted(); // do not hand a stale interrupt to the final callbacks
            setState(ConnectionState.CLOSED);
            CloseReason r = reason;
            safely(() -> listener.onClosed(r));
            terminated.countDown();
        }
    }

    /** Outcome of one connection: a final reason, or a failure to retry after (with whether the stream had opened). */
    private record Attempt(CloseReason finalReason, Throwable failure, boolean opened, long minDelayMillis) {
        static Attempt done(CloseReason r) {
            return new Attempt(r, null, false, 0);
        }

        static Attempt retry(Throwable failure, boolean opened) {
            return new Attempt(null, failure, opened, 0);
        }
    }

    private Attempt connectAndRead() {
        HttpResponse<InputStream> response;
        try {
            response = awaitResponse();
        } catch (InterruptedException | CancellationException e) {
            return closeRequested.get() ? Attempt.done(CloseReason.clientClosed()) : Attempt.retry(e, false);
        } catch (IOException e) {
            return closeRequested.get() ? Attempt.done(CloseReason.clientClosed()) : Attempt.retry(e, false);
        }
        InputStream in = response.body();
        synchronized (lock) {
            pending = null;
            if (closeRequested.get()) {
                closeQuietly(in);
                return Attempt.done(CloseReason.clientClosed());
            }
            body = in;
        }
        idleAborted = false;
        lastActivityNanos = System.nanoTime();
        Thread watchdog = startWatchdog(in);
        boolean opened = false;
        try {
            int status = response.statusCode();
            if (status == 204) {
                return Attempt.done(CloseReason.noContent());
            }
            if (status != 200) {
                byte[] bytes = HttpBodies.readLimited(in, HttpBodies.MAX_ERROR_BODY);
                ErrorBody error = HttpBodies.parseErrorBody(bytes);
                String snippet = HttpBodies.snippet(bytes, 200);
                if (retryTransientStatuses && isTransient(status)) {
                    CloseReason described = CloseReason.httpError(status, error, snippet);
                    long minDelay = retryAfterMillis(response);
                    return new Attempt(null, new SseHttpException(status, error, described.message()), false, minDelay);
                }
                return Attempt.done(CloseReason.httpError(status, error, snippet));
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (!isEventStream(contentType)) {
                return Attempt.done(CloseReason.badContentType(contentType));
            }
            opened = true;
            setState(ConnectionState.OPEN);
            safely(listener::onOpen);
            readStream(in);
            if (stopEvent != null) {
                return Attempt.done(CloseReason.stopEvent(stopEvent));
            }
            if (closeRequested.get()) {
                return Attempt.done(CloseReason.clientClosed());
            }
            return Attempt.retry(new EOFException("the server ended the stream"), true);
        } catch (IOException e) {
            if (stopEvent != null) {
                return Attempt.done(CloseReason.stopEvent(stopEvent));
            }
            if (closeRequested.get()) {
                return Attempt.done(CloseReason.clientClosed());
            }
            if (idleAborted) {
                return Attempt.retry(new SseIdleTimeoutException("no data or heartbeat for "
                        + Duration.ofNanos(idleTimeoutNanos).toMillis() + " ms; presuming the connection dead"), opened);
            }
            return Attempt.retry(e, opened);
        } catch (SseProtocolException e) {
            return Attempt.done(CloseReason.error(e));
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
            synchronized (lock) {
                body = null;
            }
            closeQuietly(in);
        }
    }

    /** Sends the request; waits for the response headers at most the idle timeout (if the watchdog is on). */
    private HttpResponse<InputStream> awaitResponse() throws IOException, InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache");
        headers.forEach(rb::header);
        if (token != null && !token.isBlank()) {
            rb.header("Authorization", "Bearer " + token);
        }
        String id = lastEventId;
        if (id != null && !id.isEmpty()) {
            rb.header("Last-Event-ID", id);
        }
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        synchronized (lock) {
            pending = future;
        }
        if (closeRequested.get()) {
            future.cancel(true);
        }
        try {
            return idleTimeoutNanos > 0 ? future.get(idleTimeoutNanos, TimeUnit.NANOSECONDS) : future.get();
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SseIdleTimeoutException("no response from " + uri + " within "
                    + Duration.ofNanos(idleTimeoutNanos).toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(describe(c), c);
        } finally {
            synchronized (lock) {
                pending = null;
            }
        }
    }

    private void readStream(InputStream in) throws IOException {
        SseParser parser = new SseParser(new SseParser.Handler() {
            @Override
            public void onEvent(SseEvent event) {
                if (stopEvent != null || closeRequested.get()) {
                    return;
                }
                lastEventId = event.id();
                safely(() -> listener.onEvent(event));
                if (stopWhen != null && stopWhen.test(event)) {
                    stopEvent = event;
                }
            }

            @Override
            public void onComment(String comment) {
                if (stopEvent == null && !closeRequested.get()) {
                    safely(() -> listener.onComment(comment));
                }
            }

            @Override
            public void onRetry(long millis) {
                retryMillis = millis;
            }
        }, lastEventId, maxLineBytes);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            // time spent in listener callbacks is not silence from the server: pause the watchdog meanwhile
            dispatching = true;
            try {
                parser.feed(buffer, 0, n);
            } finally {
                lastActivityNanos = System.nanoTime();
                dispatching = false;
            }
            if (stopEvent != null || closeRequested.get()) {
                return;
            }
            lastEventId = parser.lastEventId(); // also picks up id-only blocks and an empty id that resets it
        }
        parser.finish();
    }

    private Thread startWatchdog(InputStream in) {
        if (idleTimeoutNanos <= 0) {
            return null;
        }
        Thread t = threadFactory.newThread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (dispatching) {
                    LockSupport.parkNanos(this, idleTimeoutNanos);
                    continue;
                }
                long remaining = idleTimeoutNanos - (System.nanoTime() - lastActivityNanos);
                if (remaining <= 0) {
                    idleAborted = true;
                    closeQuietly(in);
                    return;
                }
                LockSupport.parkNanos(this, remaining);
            }
        });
        t.start();
        return t;
    }

    /** Sleeps for the reconnect delay; false if the client was closed meanwhile. */
    private boolean pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!closeRequested.get()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(remaining);
            } catch (InterruptedException e) {
                // close() interrupts; loop re-checks
            }
        }
        return false;
    }

    private void setState(ConnectionState s) {
        if (state != s) {
            state = s;
            safely(() -> listener.onStateChange(s));
        }
    }

    private void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("SSE {}: listener threw", uri, e);
        }
    }

    // ---------------------------------------------------------------- policy helpers

    /**
     * The reconnect delay after {@code failures} consecutive failures: {@code base × 2^(failures-1)} with up to
     * {@link #JITTER} extra, never below {@code base} and never above {@code max(cap, base)}; from the second
     * failure on the base is at least {@link #MIN_GROWTH_BASE_MILLIS}.
     *
     * @param random a number in [0, 1)
     */
    static long backoffMillis(long base, long cap, int failures, double random) {
        long ceiling = Math.max(cap, base);
        int n = Math.max(failures, 1);
        // the first retry honours the server's value exactly (even 0); growth starts from at least MIN_GROWTH_BASE
        // so that "retry: 0" and a server that keeps failing cannot cause a tight reconnect loop
        double exponential = n == 1 ? base : Math.max(base, MIN_GROWTH_BASE_MILLIS) * Math.pow(2, Math.min(n - 1, 30));
        double jittered = exponential * (1 + JITTER * random);
        return Math.max(base, (long) Math.min(jittered, ceiling));
    }

    static boolean isTransient(int status) {
        return status == 502 || status == 503 || status == 504 || status == 429;
    }

    static boolean isEventStream(String contentType) {
        int semi = contentType.indexOf(';');
        String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
        return mime.toLowerCase(Locale.ROOT).equals("text/event-stream");
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(String::strip)
                .filter(v -> !v.isEmpty() && v.length() < 10 && v.chars().allMatch(Character::isDigit))
                .map(v -> Long.parseLong(v) * 1000)
                .orElse(0L);
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
            if (c instanceof java.io.EOFException) {
                return "the server closed the connection";
            }
        }
        String m = t.getMessage();
        return (m == null || m.isBlank()) ? t.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // closing is best effort
            }
        }
    }

    // ---------------------------------------------------------------- builder

    /** Configures and starts an {@link SseClient}. Not thread-safe; one builder may start several clients. */
    public static final class Builder {
        private URI uri;
        private String token;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration initialRetry = Duration.ofSeconds(3);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration heartbeat = Duration.ofSeconds(15);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int maxReconnectAttempts = -1;
        private boolean retryTransientStatuses = true;
        private Predicate<SseEvent> stopWhen;
        private String lastEventId;
        private HttpClient httpClient;
        private ThreadFactory threadFactory;
        private int maxLineBytes = SseParser.DEFAULT_MAX_LINE_BYTES;

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
            client.start();
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
