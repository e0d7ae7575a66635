package dev.taskstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A lean SSE client on a raw socket for the benchmarks: one GET, then events until the server ends
 * the response. It keeps no per-event garbage beyond the strings it hands out, so that thousands of
 * them fit in one JVM (one virtual thread each).
 */
final class SseReader implements AutoCloseable {
    /** Called for each dispatched event, on the reader's thread; {@code nanos} is System.nanoTime() at dispatch. */
    interface Listener {
        void event(long seq, String name, String data, long nanos);
    }

    private final Socket socket;
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean chunked;
    private int chunkLeft;
    private boolean firstChunk = true;
    private boolean bodyDone;
    private byte[] line = new byte[256];
    private int status;

    private SseReader(Socket socket, int bufferSize) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.buf = new byte[bufferSize];
    }

    /**
     * Connects (from {@code local} when not null: one loopback address has about 28,000 ephemeral
     * ports) and reads the response head; {@link #status()} tells whether a stream follows.
     */
    static SseReader open(URI base, String path, int bufferSize, java.net.InetAddress local) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            if (local != null) {
                s.bind(new InetSocketAddress(local, 0));
            }
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 30_000);
            SseReader r = new SseReader(s, bufferSize);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            r.readHead();
            return r;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    int status() {
        return status;
    }

    private void readHead() throws IOException {
        String statusLine = rawLine();
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String h = rawLine(); h != null && !h.isEmpty(); h = rawLine()) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("transfer-encoding")
                    && h.substring(colon + 1).trim().equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
    }

    /**
     * Reads events until the server ends the response (returns normally) or the connection fails
     * (throws). {@code wantData}: whether to decode the data line into a string for the listener.
     */
    void readEvents(Listener listener, boolean wantData) throws IOException {
        long seq = -1;
        String name = null;
        String data = null;
        boolean hasData = false;
        while (true) {
            int n = bodyLine();
            if (n < 0) {
                return;
            }
            if (n == 0) {
                if (hasData) {
                    listener.event(seq, name, data, System.nanoTime());
                }
                seq = -1;
                name = null;
                data = null;
                hasData = false;
                continue;
            }
            if (startsWith("id:")) {
                seq = parseLong(3, n);
            } else if (startsWith("event:")) {
                name = value(6, n);
            } else if (startsWith("data:")) {
                hasData = true;
                if (wantData) {
                    data = value(5, n);
                }
            }
        }
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String value(int from, int n) {
        if (from < n && line[from] == ' ') {
            from++;
        }
        return new String(line, from, n - from, StandardCharsets.UTF_8);
    }

    private long parseLong(int from, int n) {
        long v = 0;
        for (int i = from; i < n; i++) {
            byte b = line[i];
            if (b >= '0' && b <= '9') {
                v = v * 10 + (b - '0');
            }
        }
        return v;
    }

    /** The next body line into {@link #line} without its line end; its length, or -1 at the end. */
    private int bodyLine() throws IOException {
        int n = 0;
        while (true) {
            int c = bodyByte();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            if (c == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                line = java.util.Arrays.copyOf(line, n * 2);
            }
            line[n++] = (byte) c;
        }
    }

    private int bodyByte() throws IOException {
        if (!chunked) {
            return rawByte();
        }
        if (bodyDone) {
            return -1;
        }
        if (chunkLeft == 0) {
            if (!firstChunk) {
                rawLine(); // the CRLF after the previous chunk's data
            }
            firstChunk = false;
            String size = rawLine();
            if (size == null) {
                bodyDone = true;
                return -1;
            }
            int semi = size.indexOf(';');
            chunkLeft = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (chunkLeft == 0) {
                bodyDone = true;
                return -1;
            }
        }
        int c = rawByte();
        if (c >= 0) {
            chunkLeft--;
        }
        return c;
    }

    private int rawByte() throws IOException {
        if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buf[pos++] & 0xff;
    }

    private String rawLine() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = rawByte(); c != '\n'; c = rawByte()) {
            if (c < 0) {
                return b.isEmpty() ? null : b.toString();
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
