package dev.taskstream.server.graph;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** The import formats: JSON ({@code {"entities": [...], "edges": [...]}}) and CSV (see {@link CsvGraphReader}). */
public enum ImportFormat {
    JSON, CSV;

    /** From a Content-Type header; a missing one means JSON; null when the type is not supported. */
    public static ImportFormat fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return JSON;
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mime.equals("application/json") || mime.equals("text/json") || mime.endsWith("+json")) {
            return JSON;
        }
        if (mime.equals("text/csv") || mime.equals("application/csv")) {
            return CSV;
        }
        return null;
    }

    /** Streams {@code in}, in this format, into {@code sink}. */
    void read(InputStream in, GraphSink sink) throws IOException {
        if (this == CSV) {
            CsvGraphReader.read(in, sink);
        } else {
            JsonGraphReader.read(in, sink);
        }
    }

    /** From a file name's extension; null when it is neither .json nor .csv. */
    public static ImportFormat fromFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return JSON;
        }
        if (lower.endsWith(".csv")) {
            return CSV;
        }
        return null;
    }
}
