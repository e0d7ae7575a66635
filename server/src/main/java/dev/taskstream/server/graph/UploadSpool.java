package dev.taskstream.server.graph;

import dev.taskstream.server.db.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import bodies on their way to an {@code import_graph} task: each is written to its own file while it
 * arrives, so a slow upload holds no database connection and the heap does not grow with the body. Files
 * live in one directory and are named {@code import-<pid>-<uuid>.upload}, so that a starting server can
 * remove those of processes that are gone (and leave those of live ones sharing the directory alone).
 */
public final class UploadSpool {
    private static final Logger log = LoggerFactory.getLogger(UploadSpool.class);
    private static final Pattern NAME = Pattern.compile("import-(\\d+)-[0-9a-f-]{36}\\.upload");

    private final Path dir;

    public UploadSpool(Path dir) {
        this.dir = dir;
    }

    /** {@code tmp} in the user's data directory. */
    public static Path defaultDirectory() {
        return DataDirectory.forCurrentUser().resolve("tmp");
    }

    /** A spooled body: its file's name in the spool and its size. */
    public record Upload(String name, long bytes) {
    }

    /** The body could not be read to its end (the client went away or stopped sending). */
    public static final class UploadInterruptedException extends IOException {
        UploadInterruptedException(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /** What goes into a new spool file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} into a new spool file; on any failure the file is removed. */
    public Upload write(Content content) throws IOException {
        Files.createDirectories(dir);
        String name = "import-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".upload";
        Path file = dir.resolve(name);
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                content.writeTo(out);
            }
            Upload upload = new Upload(name, Files.size(file));
            done = true;
            return upload;
        } finally {
            if (!done) {
                delete(name);
            }
        }
    }

    /**
     * Copies {@code body} into a new spool file; at most {@code maxBytes}, else
     * {@link BodyTooLargeException}. On any failure the file is removed.
     */
    public Upload spool(InputStream body, long maxBytes) throws IOException {
        return write(out -> {
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

    /**
     * The file of a spool name this spool gave out; empty for anything else (task parameters come from
     * clients too: {@code POST /tasks} must not name an arbitrary file).
     */
    public java.util.Optional<Path> resolve(String name) {
        return name != null && NAME.matcher(name).matches() ? java.util.Optional.of(dir.resolve(name))
                : java.util.Optional.empty();
    }

    public void delete(String name) {
        resolve(name).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not remove the import upload {}: {}", file, e.toString());
            }
        });
    }

    /** Removes the uploads of processes that no longer run (a crash or kill left them); returns how many. */
    public int sweepDeadProcesses() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "import-*.upload")) {
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not clean the import uploads in {}: {}", dir, e.toString());
        }
        return removed;
    }
}
