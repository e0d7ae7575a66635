package dev.taskstream.server.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * A large request body made line by line while it is sent, so that a test can post hundreds of megabytes
 * without holding them: line {@code i} (from 0) is {@code lines.apply(i)}, until it returns null.
 */
public final class GeneratedBody extends InputStream {
    private final LongFunction<String> lines;
    private long next;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    public GeneratedBody(LongFunction<String> lines) {
        this.lines = lines;
    }

    @Override
    public int read() {
        return fill() ? current[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len && fill()) {
            int k = Math.min(len - n, current.length - pos);
            System.arraycopy(current, pos, b, off + n, k);
            pos += k;
            n += k;
        }
        return n == 0 ? -1 : n;
    }

    private boolean fill() {
        while (pos == current.length && !ended) {
            String line = lines.apply(next++);
            if (line == null) {
                ended = true;
            } else {
                current = line.getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
        }
        return pos < current.length;
    }
}
