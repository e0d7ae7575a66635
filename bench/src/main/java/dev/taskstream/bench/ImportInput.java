package dev.taskstream.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskstream.server.graph.DemoGraph;
import dev.taskstream.server.graph.GraphSink;
import dev.taskstream.server.graph.ImportFormat;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code bench import} uploads and, as its baseline, bulk-loads: one graph written as an import file (CSV
 * or JSON) and as the plain rows of tables keyed like the graph tables ({@code project_id,id,name,type,properties}
 * and {@code project_id,source,target,relation,weight}, CSV without header), so that both load the same rows.
 */
interface ImportInput {
    /** {@code generated} or {@code demo}. */
    String name();

    /** The project the graph is imported into (and the baseline rows carry). */
    String project();

    long entities();

    long edges();

    void writeFile(ImportFormat format, Writer out) throws IOException;

    void writeRows(Writer entityRows, Writer edgeRows) throws IOException;

    /** A {@link GeneratedGraph} of {@code edges} edges and a tenth as many entities, streamed (10^7 edges fit). */
    static ImportInput generated(long edges) {
        GeneratedGraph graph = new GeneratedGraph((int) Math.max(2, edges / 10), edges, 42);
        return new ImportInput() {
            @Override
            public String name() {
                return "generated";
            }

            @Override
            public String project() {
                return "bench";
            }

            @Override
            public long entities() {
                return graph.entities();
            }

            @Override
            public long edges() {
                return graph.edges();
            }

            @Override
            public void writeFile(ImportFormat format, Writer out) throws IOException {
                if (format == ImportFormat.CSV) {
                    graph.writeCsv(out);
                } else {
                    graph.writeJson(out);
                }
            }

            @Override
            public void writeRows(Writer entityRows, Writer edgeRows) throws IOException {
                graph.writeRows(project(), entityRows, edgeRows);
            }
        };
    }

    /**
     * The desktop's demo graph, as {@link DemoGraph#emit} makes it (whatever its shape): collected once (it is
     * small), entities before edges in the files whatever order it emits them in, a repeated key kept once (the
     * last), so that the upload and the baseline hold exactly the same rows.
     */
    static ImportInput demo() {
        Map<String, String[]> entities = new LinkedHashMap<>();
        Map<String, String[]> edges = new LinkedHashMap<>();
        DemoGraph.emit(new GraphSink() {
            @Override
            public void entity(String where, String id, String name, String type, String propertiesJson) {
                entities.put(id, new String[] {id, name, type == null ? "entity" : type, propertiesJson});
            }

            @Override
            public void edge(String where, String source, String target, String relation, Double weight) {
                edges.put(source + '\u0000' + target + '\u0000' + relation, new String[] {source, target, relation,
                        Double.toString(weight == null ? 1.0 : weight)});
            }
        });
        List<String[]> entityRows = new ArrayList<>(entities.values());
        List<String[]> edgeRows = new ArrayList<>(edges.values());
        return new ImportInput() {
            @Override
            public String name() {
                return "demo";
            }

            @Override
            public String project() {
                return DemoGraph.PROJECT_ID;
            }

            @Override
            public long entities() {
                return entityRows.size();
            }

            @Override
            public long edges() {
                return edgeRows.size();
            }

            @Override
            public void writeFile(ImportFormat format, Writer out) throws IOException {
                if (format == ImportFormat.CSV) {
                    out.write("kind,id,name,type,properties,source,target,relation,weight\n");
                    for (String[] e : entityRows) {
                        out.write("entity," + csv(e[0]) + "," + csv(e[1]) + "," + csv(e[2]) + "," + csv(e[3]) + ",,,,\n");
                    }
                    for (String[] e : edgeRows) {
                        out.write("edge,,,,," + csv(e[0]) + "," + csv(e[1]) + "," + csv(e[2]) + "," + e[3] + "\n");
                    }
                    out.flush();
                    return;
                }
                try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("entities");
                    for (String[] e : entityRows) {
                        g.writeStartObject();
                        g.writeStringField("id", e[0]);
                        g.writeStringField("name", e[1]);
                        g.writeStringField("type", e[2]);
                        if (e[3] != null) {
                            g.writeFieldName("properties");
                            g.writeRawValue(e[3]);
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("edges");
                    for (String[] e : edgeRows) {
                        g.writeStartObject();
                        g.writeStringField("source", e[0]);
                        g.writeStringField("target", e[1]);
                        g.writeStringField("relation", e[2]);
                        g.writeNumberField("weight", Double.parseDouble(e[3]));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
            }

            @Override
            public void writeRows(Writer entityOut, Writer edgeOut) throws IOException {
                String p = csv(project());
                for (String[] e : entityRows) {
                    entityOut.write(p + "," + csv(e[0]) + "," + csv(e[1]) + "," + csv(e[2]) + "," + csv(e[3]) + "\n");
                }
                for (String[] e : edgeRows) {
                    edgeOut.write(p + "," + csv(e[0]) + "," + csv(e[1]) + "," + csv(e[2]) + "," + e[3] + "\n");
                }
                entityOut.flush();
                edgeOut.flush();
            }
        };
    }

    /** An RFC 4180 field: null is empty, a value with a comma, quote or line break is quoted. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
