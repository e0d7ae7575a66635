package dev.taskstream.shared.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port (the JDK's com.sun.net.httpserver), for testing the clients
 * with real bytes over real sockets. Each request is handed to the handler with its 0-based index.
 */
public final class TestHttpServer implements AutoCloseable {

    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, int index) throws Exception;
    }

    /** What the server saw of one request. */
    record Request(String method, URI uri, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicInteger counter = new AtomicInteger();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Released by {@link #close()}, so handlers that wait on it ("a silent server") end. */
    final CountDownLatch shutdown = new CountDownLatch(1);

    public TestHttpServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            int index = counter.getAndIncrement();
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getRequestHeaders(), body));
                handler.handle(exchange, index);
            } catch (IOException expected) {
                // typically: the client went away
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int connections() {
        return counter.get();
    }

    Request request(int index) {
        return requests.get(index);
    }

    // ---------------------------------------------------------------- response helpers

    public static void startSse(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
    }

    public static void write(HttpExchange ex, String text) throws IOException {
        ex.getResponseBody().write(text.getBytes(StandardCharsets.UTF_8));
        ex.getResponseBody().flush();
    }

    public static void event(HttpExchange ex, long id, String name, String data) throws IOException {
        write(ex, "id: " + id + "\nevent: " + name + "\ndata: " + data + "\n\n");
    }

    public static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    public static void json(HttpExchange ex, int status, String json) throws IOException {
        respond(ex, status, "application/json", json);
    }

    /** Blocks until the test ends (or 30 s), for "silent server" scenarios. */
    public void waitForShutdown() throws InterruptedException {
        shutdown.await(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        shutdown.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
