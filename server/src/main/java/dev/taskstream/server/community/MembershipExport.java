package dev.taskstream.server.community;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.taskstream.server.http.ApiException;
import dev.taskstream.shared.json.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The two formats of {@code GET /projects/{id}/communities/memberships}, the whole partition in
 * one answer: CSV (the default: what a spreadsheet, pandas or {@code COPY} reads) or NDJSON, one
 * JSON object per line (for programs that read JSON anyway). Rows are written as the database
 * hands them over, through a buffer, so memory stays constant whatever the project's size.
 */
enum MembershipExport {
    CSV("text/csv; charset=utf-8", "csv"),
    NDJSON("application/x-ndjson", "ndjson");

    /** Rows per database round trip while streaming. */
    static final int FETCH_SIZE = 10_000;
    static final String CSV_HEADER = "entity_id,community_id\n";
    private static final int BUFFER = 64 * 1024;

    private final String contentType;
    private final String extension;

    MembershipExport(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String fileName(String projectId) {
        return projectId + "-memberships." + extension;
    }

    /**
     * The format asked for: {@code format} (csv or ndjson) wins, for links a browser follows;
     * else the {@code Accept} header: {@code application/x-ndjson} gives NDJSON, {@code text/csv},
     * a wildcard or no header gives CSV, anything else is refused with 406.
     */
    static MembershipExport choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "ndjson" -> NDJSON;
                default -> throw ApiException.badRequest("format must be csv or ndjson, got '" + format.strip() + "'");
            };
        }
        if (accept == null || accept.isBlank()) {
            return CSV;
        }
        boolean csv = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (refused(parts)) {
                continue;
            }
            if (type.equals("application/x-ndjson")) {
                return NDJSON;
            }
            csv |= type.equals("text/csv") || type.equals("text/*") || type.equals("*/*");
        }
        if (csv) {
            return CSV;
        }
        throw new ApiException(406, "not_acceptable", "memberships come as text/csv (the default) or application/x-ndjson;"
                + " the Accept header asked for '" + accept.strip() + "' (or use ?format=csv|ndjson)");
    }

    /** True for a media range with q=0 ("not this one"). */
    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Writes the answer's body: the header (CSV) and one line per membership that {@code rows}
     * passes to its consumer. An {@link UncheckedIOException} means the client went away.
     */
    void write(OutputStream out, Consumer<Consumer<CommunityDao.Membership>> rows) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
        if (this == CSV) {
            Writer w = new OutputStreamWriter(buffered, StandardCharsets.UTF_8);
            w.write(CSV_HEADER);
            rows.accept(m -> {
                try {
                    writeCsvField(w, m.entityId());
                    w.write(',');
                    w.write(m.communityId().toString());
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w.flush();
        } else {
            try (JsonGenerator g = Json.mapper().getFactory().createGenerator(buffered)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.setRootValueSeparator(new SerializedString("\n"));
                long[] count = {0};
                rows.accept(m -> {
                    try {
                        count[0]++;
                        g.writeStartObject();
                        g.writeStringField("entity_id", m.entityId());
                        g.writeStringField("community_id", m.communityId().toString());
                        g.writeEndObject();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                if (count[0] > 0) {
                    g.writeRaw('\n'); // every line ends with one, the last too; no rows: an empty body
                }
            }
        }
        buffered.flush();
    }

    /** RFC 4180: quoted (with doubled quotes) only when the id holds a comma, quote or line break. */
    static void writeCsvField(Writer w, String value) throws IOException {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            w.write(value);
            return;
        }
        w.write('"');
        w.write(value.replace("\"", "\"\""));
        w.write('"');
    }
}
