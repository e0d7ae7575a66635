package dev.taskstream.server.graph;

/**
 * The sink of one import: checks each item as the reader parses it (naming the item on error), counts
 * them, numbers them and hands valid rows to the {@link GraphWriter}. It keeps nothing per item: whether an
 * edge's ends are entities (they may come later in the same input) is checked by the writer in SQL once the
 * input is read, so the heap does not grow with the file.
 */
final class ImportItems implements GraphSink {
    static final int PROGRESS_EVERY = 10_000;
    static final int MAX_ID = 200;
    static final int MAX_NAME = 500;
    static final int MAX_TYPE = 100;
    static final int MAX_RELATION = 100;
    static final int MAX_PROPERTIES = 65_536;
    /** Large enough for any real weight, small enough that no sum of weights (modularity, aggregation) can overflow. */
    static final double MAX_WEIGHT = 1e12;

    /** Told every {@value #PROGRESS_EVERY} items; may throw to stop the import. */
    interface Progress {
        void items(long entities, long edges);
    }

    private final GraphWriter writer;
    private final Progress progress;
    private long seq;
    long entities;
    long edges;

    ImportItems(GraphWriter writer, Progress progress) {
        this.writer = writer;
        this.progress = progress;
    }

    @Override
    public void entity(String where, String id, String name, String type, String propertiesJson) {
        checkId(where, "id", id);
        if (name == null || name.isBlank()) {
            throw GraphImporter.invalid(where, "name is required");
        }
        checkText(where, "name", name, MAX_NAME);
        String t = type == null || type.isBlank() ? GraphImporter.DEFAULT_TYPE : type.strip();
        checkText(where, "type", t, MAX_TYPE);
        if (propertiesJson != null) {
            checkText(where, "properties", propertiesJson, MAX_PROPERTIES);
        }
        writer.entity(++seq, id, name, t, propertiesJson);
        entities++;
        counted();
    }

    @Override
    public void edge(String where, String source, String target, String relation, Double weight) {
        checkId(where, "source", source);
        checkId(where, "target", target);
        if (source.equals(target)) {
            throw GraphImporter.invalid(where, "self-loops are not allowed (source and target are both '"
                    + GraphImporter.clip(source) + "')");
        }
        if (relation == null || relation.isBlank()) {
            throw GraphImporter.invalid(where, "relation is required (e.g. KNOWS)");
        }
        checkText(where, "relation", relation, MAX_RELATION);
        double w = weight == null ? 1.0 : weight;
        if (!Double.isFinite(w) || w <= 0 || w > MAX_WEIGHT) {
            throw GraphImporter.invalid(where, "weight must be a finite number greater than 0 and at most 1e12, got " + w);
        }
        writer.edge(++seq, source, target, relation, w);
        edges++;
        counted();
    }

    /** Checks the edges' ends and writes everything into the project (see {@link GraphWriter#finish}). */
    GraphWriter.Counts finish() {
        return writer.finish(entities, edges);
    }

    private void counted() {
        if ((entities + edges) % PROGRESS_EVERY == 0) {
            progress.items(entities, edges);
        }
    }

    private static void checkId(String where, String field, String id) {
        if (id == null || id.isBlank()) {
            throw GraphImporter.invalid(where, field + " is required");
        }
        checkText(where, field, id, MAX_ID);
    }

    /** Length, and no U+0000 or unpaired surrogate: neither can be stored as text (Postgres refuses both). */
    private static void checkText(String where, String field, String value, int max) {
        if (value.length() > max) {
            throw GraphImporter.invalid(where, field + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw GraphImporter.invalid(where, field + " contains the character U+0000 (NUL) at position " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw GraphImporter.invalid(where, field + " contains an unpaired surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at position " + i);
            }
        }
    }
}
