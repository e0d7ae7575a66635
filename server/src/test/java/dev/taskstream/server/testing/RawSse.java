package dev.taskstream.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SSE client on a raw socket, for contract tests: it sends exactly the request lines it is given
 * (no Accept header unless asked, like {@code curl -N}) and reads the bytes the server wrote,
 * de-chunked, line by line. Independent of the product's own client on purpose.
 */
public final class RawSse implements AutoCloseable {
    /** One dispatched block: an event, or a comment-only block (heartbeat) or the retry line. */
    public record Block(String id, String event, String data, String retry, List<String> comments) {
        public boolean isEvent() {
            return data != null;
        }
    }

    private final Socket socket;
    private final InputStream body;
    private final int status;
    private final Map<String, String> headers;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    private RawSse(Socket socket, InputStream body, int status, Map<String, String> headers) {
        this.socket = socket;
        this.body = body;
        this.status = status;
        this.headers = headers;
    }

    public static RawSse open(String baseUrl, String path, String... extraHeaderLines) throws IOException {
        return openFrom(null, baseUrl, path, extraHeaderLines);
    }

    /** Like {@link #open}, from a given local address (e.g. 127.0.0.2, to act as another client). */
    public static RawSse openFrom(String localAddress, String baseUrl, String path, String... extraHeaderLines)
            throws IOException {
        URI uri = URI.create(baseUrl);
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new java.net.InetSocketAddress(localAddress, 0));
        }
        s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
        s.setSoTimeout(30_000);
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                + uri.getPort() + "\r\n");
        for (String h : extraHeaderLines) {
            req.append(h).append("\r\n");
        }
        req.append("\r\n");
        OutputStream out = s.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 1 << 16);
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        InputStream body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new Dechunk(in)
                : headers.containsKey("content-length")
                        ? new java.io.ByteArrayInputStream(in.readNBytes(Integer.parseInt(headers.get("content-length"))))
                        : in;
        return new RawSse(s, body, status, headers);
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The whole body, up to the end of the response (for non-stream answers such as 404). */
    public String readToEnd() throws IOException {
        byte[] all = body.readAllBytes();
        raw.write(all);
        return new String(all, StandardCharsets.UTF_8);
    }

    /** Every byte of the body read so far. */
    public String rawSoFar() {
        return raw.toString(StandardCharsets.UTF_8);
    }

    /** The next block up to a blank line; null at the end of the response. */
    public Block next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String retry = null;
        List<String> comments = new ArrayList<>();
        boolean any = false;
        while (true) {
            String line = readBodyLine();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (any) {
                    return new Block(id, event, data == null ? null : data.toString(), retry, comments);
                }
                continue;
            }
            any = true;
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "retry" -> retry = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> throw new AssertionError("unexpected SSE field: " + line);
            }
        }
    }

    /** The next real event (skipping heartbeats and the retry block); null at the end. */
    public Block nextEvent() throws IOException {
        for (Block b = next(); b != null; b = next()) {
            if (b.isEvent()) {
                return b;
            }
        }
        return null;
    }

    private String readBodyLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = body.read();
            if (c < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            raw.write(c);
            if (c == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(c);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Closes as a client that is done: a FIN (shut the output first, so unread input does not turn it into a reset). */
    public void closeCleanly() throws IOException {
        socket.shutdownOutput();
        socket.close();
    }

    /** Closes with a reset (RST), as a client that crashed or a middlebox that cut the connection. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** HTTP/1.1 chunked transfer decoding. */
    private static final class Dechunk extends InputStream {
        private final InputStream in;
        private int left;
        private boolean done;

        Dechunk(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = readLine(in);
                if (size.isEmpty()) {
                    size = readLine(in); // CRLF after the previous chunk
                }
                if (size.isEmpty()) {
                    done = true;
                    return -1;
                }
                left = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int c = in.read();
            if (c < 0) {
                done = true;
                return -1;
            }
            left--;
            return c;
        }
    }
}
