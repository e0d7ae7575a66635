package dev.taskstream.shared.client;

import dev.taskstream.shared.api.ErrorBody;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread of an {@link SseClient}: connect, read the stream through {@link SseParser}, and on a failure
 * ask the {@link ReconnectPolicy} how long to wait before the next attempt, until a final {@link CloseReason}.
 * {@link #close()} (any thread) cancels the pending request, closes the open body and interrupts the reader.
 */
final class SseConnectionLoop {
    private static final Logger log = LoggerFactory.getLogger(SseConnectionLoop.class);

    private final URI uri;
    private final String token;
    private final Map<String, String> headers;
    private final long idleTimeoutNanos;
    private final Predicate<SseEvent> stopWhen;
    private final HttpClient http;
    private final boolean ownsHttpClient;
    private final ThreadFactory threadFactory;
    private final SseListener listener;
    private final int maxLineBytes;
    private final ReconnectPolicy policy;

    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the pending request and the open body, so close() can cancel them. */
    private CompletableFuture<HttpResponse<InputStream>> pending;
    private InputStream body;
    private volatile Thread reader;

    private volatile ConnectionState state;
    private volatile String lastEventId;
    /** Reader-thread only. */
    private SseEvent stopEvent;

    SseConnectionLoop(SseClient.Builder b, SseListener listener, HttpClient http, ThreadFactory threadFactory) {
        this.uri = b.uri;
        this.token = b.token;
        this.headers = Map.copyOf(b.headers);
        this.idleTimeoutNanos = b.heartbeat.isZero() ? 0 : b.heartbeat.multipliedBy(3).toNanos();
        this.stopWhen = b.stopWhen;
        this.lastEventId = b.lastEventId;
        this.ownsHttpClient = b.httpClient == null;
        this.http = http;
        this.threadFactory = threadFactory;
        this.listener = listener;
        this.maxLineBytes = b.maxLineBytes;
        this.policy = new ReconnectPolicy(b.initialRetry, b.maxBackoff, b.maxReconnectAttempts,
                b.retryTransientStatuses);
    }

    ConnectionState state() {
        return state;
    }

    String lastEventId() {
        return lastEventId;
    }

    long retryMillis() {
        return policy.retryMillis();
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void start() {
        Thread t = threadFactory.newThread(this::run);
        reader = t;
        t.start();
    }

    void close() {
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
        IdleWatchdog.closeQuietly(b);
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            r.interrupt();
        }
    }

    private void run() {
        CloseReason reason = null;
        try {
            reason = loop();
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

    private CloseReason loop() {
        boolean first = true;
        while (!closeRequested.get()) {
            setState(first ? ConnectionState.CONNECTING : ConnectionState.RECONNECTING);
            first = false;
            Attempt attempt = connectAndRead();
            if (attempt.finalReason != null) {
                return attempt.finalReason;
            }
            if (closeRequested.get()) {
                break;
            }
            long delay = policy.afterFailure(attempt.opened, attempt.minDelayMillis);
            if (delay < 0) {
                return CloseReason.retriesExhausted(policy.failures(), attempt.failure);
            }
            setState(ConnectionState.RECONNECTING);
            log.debug("SSE {}: {}; reconnecting in {} ms", uri, SseClient.describe(attempt.failure), delay);
            Duration retryIn = Duration.ofMillis(delay);
            safely(() -> listener.onFailure(attempt.failure, retryIn));
            if (!pause(delay)) {
                break;
            }
        }
        return CloseReason.clientClosed();
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
        } catch (InterruptedException | CancellationException | IOException e) {
            return closeRequested.get() ? Attempt.done(CloseReason.clientClosed()) : Attempt.retry(e, false);
        }
        InputStream in = response.body();
        synchronized (lock) {
            pending = null;
            if (closeRequested.get()) {
                IdleWatchdog.closeQuietly(in);
                return Attempt.done(CloseReason.clientClosed());
            }
            body = in;
        }
        IdleWatchdog watchdog = IdleWatchdog.start(threadFactory, idleTimeoutNanos, in);
        boolean opened = false;
        try {
            int status = response.statusCode();
            if (status == 204) {
                return Attempt.done(CloseReason.noContent());
            }
            if (status != 200) {
                return errorStatus(response, in);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (!isEventStream(contentType)) {
                return Attempt.done(CloseReason.badContentType(contentType));
            }
            opened = true;
            setState(ConnectionState.OPEN);
            safely(listener::onOpen);
            readStream(in, watchdog);
            return afterRead(new EOFException("the server ended the stream"), true, false);
        } catch (IOException e) {
            return afterRead(e, opened, watchdog.aborted());
        } catch (SseProtocolException e) {
            return Attempt.done(CloseReason.error(e));
        } finally {
            watchdog.stop();
            synchronized (lock) {
                body = null;
            }
            IdleWatchdog.closeQuietly(in);
        }
    }

    /** A non-200, non-204 answer: retried when the policy says so, else final. */
    private Attempt errorStatus(HttpResponse<InputStream> response, InputStream in) throws IOException {
        int status = response.statusCode();
        byte[] bytes = HttpBodies.readLimited(in, HttpBodies.MAX_ERROR_BODY);
        ErrorBody error = HttpBodies.parseErrorBody(bytes);
        CloseReason described = CloseReason.httpError(status, error, HttpBodies.snippet(bytes, 200));
        if (policy.retries(status)) {
            return new Attempt(null, new SseHttpException(status, error, described.message()), false,
                    ReconnectPolicy.retryAfterMillis(response));
        }
        return Attempt.done(described);
    }

    /** Why the read ended: a stop event or close is final; silence or a drop is retried. */
    private Attempt afterRead(IOException failure, boolean opened, boolean silent) {
        if (stopEvent != null) {
            return Attempt.done(CloseReason.stopEvent(stopEvent));
        }
        if (closeRequested.get()) {
            return Attempt.done(CloseReason.clientClosed());
        }
        if (silent) {
            return Attempt.retry(new SseIdleTimeoutException("no data or heartbeat for "
                    + Duration.ofNanos(idleTimeoutNanos).toMillis() + " ms; presuming the connection dead"), opened);
        }
        return Attempt.retry(failure, opened);
    }

    /** Sends the request; waits for the response headers at most the idle timeout (if the watchdog is on). */
    private HttpResponse<InputStream> awaitResponse() throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(request(), HttpResponse.BodyHandlers.ofInputStream());
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
            throw new IOException(SseClient.describe(c), c);
        } finally {
            synchronized (lock) {
                pending = null;
            }
        }
    }

    private HttpRequest request() {
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
        return rb.build();
    }

    private void readStream(InputStream in, IdleWatchdog watchdog) throws IOException {
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
                policy.serverRetry(millis);
            }
        }, lastEventId, maxLineBytes);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            watchdog.dispatching();
            try {
                parser.feed(buffer, 0, n);
            } finally {
                watchdog.waiting();
            }
            if (stopEvent != null || closeRequested.get()) {
                return;
            }
            lastEventId = parser.lastEventId(); // also picks up id-only blocks and an empty id that resets it
        }
        parser.finish();
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

    static boolean isEventStream(String contentType) {
        int semi = contentType.indexOf(';');
        String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
        return mime.toLowerCase(Locale.ROOT).equals("text/event-stream");
    }
}
