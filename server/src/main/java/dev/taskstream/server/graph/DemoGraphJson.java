package dev.taskstream.server.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The demo graph as an import body ({@code {"entities": [...], "edges": [...]}}, the format {@link JsonGraphReader}
 * reads), so that demo mode can load it through an ordinary {@code import_graph} task whose progress the desktop app
 * shows from its first seconds.
 */
final class DemoGraphJson implements GraphSink {
    private final JsonGenerator out;
    private boolean inEdges;

    private DemoGraphJson(JsonGenerator out) {
        this.out = out;
    }

    static void write(OutputStream target) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(target)) {
            DemoGraphJson sink = new DemoGraphJson(g);
            g.writeStartObject();
            g.writeArrayFieldStart("entities");
            try {
                DemoGraph.emit(sink);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (!sink.inEdges) {
                g.writeEndArray();
                g.writeArrayFieldStart("edges");
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    @Override
    public void entity(String where, String id, String name, String type, String propertiesJson) {
        if (inEdges) {
            throw new IllegalStateException("DemoGraph emitted an entity after an edge: the JSON lists would mix");
        }
        try {
            out.writeStartObject();
            out.writeStringField("id", id);
            out.writeStringField("name", name);
            if (type != null) {
                out.writeStringField("type", type);
            }
            if (propertiesJson != null) {
                out.writeFieldName("properties");
                out.writeRawValue(propertiesJson);
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void edge(String where, String source, String target, String relation, Double weight) {
        try {
            if (!inEdges) { // DemoGraph emits every entity before the first edge
                inEdges = true;
                out.writeEndArray();
                out.writeArrayFieldStart("edges");
            }
            out.writeStartObject();
            out.writeStringField("source", source);
            out.writeStringField("target", target);
            out.writeStringField("relation", relation);
            if (weight != null && weight != 1.0) { // left out means 1.0: most demo edges, a smaller upload
                out.writeNumberField("weight", weight);
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
