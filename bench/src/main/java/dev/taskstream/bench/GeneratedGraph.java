package dev.taskstream.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.SplittableRandom;

/**
 * A random graph in the import formats (CSV and JSON), written as a stream so that 10^7 edges never sit in
 * memory: {@code entities} entities {@code n0..}, then {@code edges} (at most 16 per entity) distinct edges
 * from entity {@code (i / 16)} to a random other one, with relation {@code R<i % 16>}.
 */
public record GeneratedGraph(int entities, long edges, long seed) {

    public GeneratedGraph {
        if (entities < 2 || edges > 16L * entities) {
            throw new IllegalArgumentException("at most 16 edges per entity, and at least 2 entities");
        }
    }

    /** Edge {@code i}: source, target and relation, distinct for distinct i. */
    public void edge(long i, SplittableRandom random, String[] out) {
        long slot = i / 16;
        int source = (int) (slot % entities);
        int offset = 1 + random.nextInt(entities - 1);
        out[0] = "n" + source;
        out[1] = "n" + ((source + offset) % entities);
        out[2] = "R" + (i % 16);
    }

    /** Weight of edge {@code i}. */
    public static double weight(SplittableRandom random) {
        return 1 + random.nextInt(5);
    }

    public void writeCsv(Writer out) throws IOException {
        out.write("kind,id,name,type,source,target,relation,weight\n");
        for (int e = 0; e < entities; e++) {
            out.write("entity,n" + e + ",Entity " + e + ",thing,,,,\n");
        }
        SplittableRandom random = new SplittableRandom(seed);
        String[] edge = new String[3];
        for (long i = 0; i < edges; i++) {
            edge(i, random, edge);
            out.write("edge,,,," + edge[0] + "," + edge[1] + "," + edge[2] + "," + weight(random) + "\n");
        }
        out.flush();
    }

    public void writeJson(Writer out) throws IOException {
        out.write("{\"entities\":[");
        for (int e = 0; e < entities; e++) {
            out.write((e == 0 ? "" : ",") + "{\"id\":\"n" + e + "\",\"name\":\"Entity " + e + "\",\"type\":\"thing\"}");
        }
        out.write("],\"edges\":[");
        SplittableRandom random = new SplittableRandom(seed);
        String[] edge = new String[3];
        for (long i = 0; i < edges; i++) {
            edge(i, random, edge);
            out.write((i == 0 ? "" : ",") + "{\"source\":\"" + edge[0] + "\",\"target\":\"" + edge[1]
                    + "\",\"relation\":\"" + edge[2] + "\",\"weight\":" + weight(random) + "}");
        }
        out.write("]}");
        out.flush();
    }

    /**
     * The same rows as plain CSV without header, as tables keyed like the graph tables hold them (a bulk-load
     * baseline): {@code project_id,id,name,type,properties} and {@code project_id,source,target,relation,weight}.
     */
    public void writeRows(String projectId, Writer entityRows, Writer edgeRows) throws IOException {
        for (int e = 0; e < entities; e++) {
            entityRows.write(projectId + ",n" + e + ",Entity " + e + ",thing,\n"); // no properties
        }
        SplittableRandom random = new SplittableRandom(seed);
        String[] edge = new String[3];
        for (long i = 0; i < edges; i++) {
            edge(i, random, edge);
            edgeRows.write(projectId + "," + edge[0] + "," + edge[1] + "," + edge[2] + "," + weight(random) + "\n");
        }
        entityRows.flush();
        edgeRows.flush();
    }

    /** The CSV as a string (tests, small graphs). */
    public String csv() {
        StringWriter w = new StringWriter();
        try {
            writeCsv(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
