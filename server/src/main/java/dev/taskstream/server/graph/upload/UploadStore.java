package dev.taskstream.server.graph.upload;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.graph.BodyTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Import bodies on their way to an {@code import_graph} task, kept in the database so that whichever process
 * claims the task can read them (an API-only node receives, a worker node imports; the receiver may die after
 * its 202). A body goes in and comes out in chunks of {@value #CHUNK_BYTES} bytes, each written or read with a
 * connection borrowed for that chunk only: a slow upload holds no connection, and neither side ever holds the
 * whole body in memory. Chunked rows rather than Postgres large objects: the same SQL on H2 and Postgres, and
 * a plain {@code DELETE} (cascading to the chunks) removes an upload; see docs/decisions.md.
 */
public final class UploadStore {
    static final int CHUNK_BYTES = 1 << 20;
    /** An upload without a task that has not grown for this long was abandoned (its sender or receiver died). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

    private final Jdbi jdbi;
    private final Clock clock;

    public UploadStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** The body could not be read to its end (the client went away or stopped sending). */
    public static final class UploadInterruptedException extends IOException {
        UploadInterruptedException(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /** What goes into a new upload. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A stored body: its id (the task's {@code upload} parameter) and its size. */
    public record Upload(UUID id, long bytes) {
    }

    /** Stores {@code content} as a new upload of {@code projectId}; on any failure nothing of it is left. */
    public Upload write(String projectId, Content content) throws IOException {
        UUID id = UUID.randomUUID();
        jdbi.useExtension(UploadDao.class, d -> d.create(id, projectId, now()));
        boolean done = false;
        try (ChunkWriter out = new ChunkWriter(id)) {
            content.writeTo(out);
            out.flush();
            done = true;
            return new Upload(id, out.total);
        } finally {
            if (!done) {
                delete(id);
            }
        }
    }

    /** Copies {@code body} into a new upload: at most {@code maxBytes}, else {@link BodyTooLargeException}. */
    public Upload copy(String projectId, InputStream body, long maxBytes) throws IOException {
        return write(projectId, out -> {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw new UploadInterruptedException(e);
                }
                if (n < 0) {
                    return;
                }
                total += n;
                if (total > maxBytes) {
                    throw new BodyTooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        });
    }

    /** Ties the upload to the task that will read it: from now on it lives as long as the task is active. */
    public void attach(UUID uploadId, UUID taskId) {
        jdbi.useExtension(UploadDao.class, d -> d.attach(uploadId, taskId));
    }

    /** An upload that is not (or no longer) stored. */
    public static final class UploadGoneException extends IOException {
        UploadGoneException(String message) {
            super(message);
        }
    }

    /** A stored upload, ready to be read from its first chunk. */
    public record StoredUpload(UUID id, String projectId, long bytes) {
    }

    public StoredUpload find(UUID uploadId) throws UploadGoneException {
        return jdbi.withExtension(UploadDao.class, d -> d.find(uploadId))
                .orElseThrow(() -> new UploadGoneException("upload " + uploadId + " is not stored"));
    }

    /** Reads an upload's {@code bytes} chunk by chunk; a chunk gone meanwhile is an {@link UploadGoneException}. */
    public InputStream open(StoredUpload upload) {
        return new ChunkReader(upload.id(), upload.bytes());
    }

    public void delete(UUID uploadId) {
        jdbi.useExtension(UploadDao.class, d -> d.delete(uploadId));
    }

    /** Removes the uploads of ended tasks and abandoned ones; returns how many. Safe on every node at once. */
    public int sweep() {
        return jdbi.withExtension(UploadDao.class, d -> d.sweep(clock.instant().minus(ABANDONED_AFTER)));
    }

    /** Uploads stored now (tests and operators: none should outlive its task). */
    public long count() {
        return jdbi.withExtension(UploadDao.class, UploadDao::count);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Buffers one chunk and stores it when full; a short transaction per chunk. */
    private final class ChunkWriter extends OutputStream {
        private final UUID id;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private int size;
        private int seq;
        private long total;

        ChunkWriter(UUID id) {
            this.id = id;
        }

        @Override
        public void write(int b) {
            if (size == buffer.length) {
                store();
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (size == buffer.length) {
                    store();
                }
                int n = Math.min(len, buffer.length - size);
                System.arraycopy(b, off, buffer, size, n);
                size += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() {
            if (size > 0) {
                store();
            }
        }

        private void store() {
            byte[] data = Arrays.copyOf(buffer, size);
            int chunk = seq++;
            jdbi.useTransaction(h -> {
                UploadDao dao = h.attach(UploadDao.class);
                dao.insertChunk(id, chunk, data);
                dao.grew(id, data.length, now());
            });
            total += size;
            size = 0;
        }
    }

    /** Fetches one chunk at a time, in order, until the upload's size is read. */
    private final class ChunkReader extends InputStream {
        private final UUID id;
        private long left;
        private byte[] chunk = new byte[0];
        private int pos;
        private int seq;

        ChunkReader(UUID id, long bytes) {
            this.id = id;
            this.left = bytes;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            while (pos == chunk.length && left > 0) {
                int next = seq++;
                chunk = jdbi.withExtension(UploadDao.class, d -> d.chunk(id, next)).orElseThrow(() ->
                        new UploadGoneException("upload " + id + " was removed while it was read"));
                pos = 0;
                left -= chunk.length;
            }
            return pos < chunk.length;
        }
    }
}
