package dev.taskstream.server.community;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.Dialect;
import dev.taskstream.server.graph.GraphDao;
import dev.taskstream.server.graph.GraphImporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * A project's graph in memory for community detection: entity ids mapped to dense ints
 * {@code 0..n-1}, the CSR graph, and per node its name and type, per edge its relation (as small
 * codes, for the community descriptions). Loaded in one streamed pass (a Jdbi query, or on Postgres
 * {@code COPY ... TO STDOUT}) straight into growable primitive columns; it lives with the community
 * code, which is its only user.
 */
public final class ProjectGraph {
    private final String[] ids;
    private final String[] names;
    private final int[] typeCodes;
    private final List<String> types;
    private final int[] sources;
    private final int[] targets;
    private final int[] relationCodes;
    private final List<String> relations;
    private final CsrGraph graph;

    private ProjectGraph(String[] ids, String[] names, int[] typeCodes, List<String> types, int[] sources,
            int[] targets, double[] weights, int[] relationCodes, List<String> relations) {
        this.ids = ids;
        this.names = names;
        this.typeCodes = typeCodes;
        this.types = types;
        this.sources = sources;
        this.targets = targets;
        this.relationCodes = relationCodes;
        this.relations = relations;
        this.graph = CsrGraphBuilder.build(ids.length, sources, targets, weights);
    }

    private static final Executor COUNTER = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("graph-count-", 0).factory());

    /**
     * Progress of a load: rows (entities and edges) and edges read so far, out of {@code expectedRows}
     * (0 while the count is not known yet).
     */
    @FunctionalInterface
    public interface LoadProgress {
        /** Called every {@code every} rows; may throw to stop the load (cancellation). */
        void loaded(long rows, long edges, long expectedRows);
    }

    /** How the rows come from the database. */
    public enum Source {
        /** One streamed query through Jdbi (both databases). */
        QUERY,
        /** Postgres only: {@code COPY (SELECT ...) TO STDOUT}, parsed as it arrives ({@link PostgresGraphCopy}). */
        COPY;

        /** The faster source for this database (measured: BENCHMARKS.md, {@code bench rebuild}). */
        static Source fastestFor(Dialect dialect) {
            return dialect == Dialect.POSTGRES ? COPY : QUERY;
        }
    }

    /**
     * Loads entities and edges of {@code projectId} in one streamed pass (entities and edges in any
     * order), with the faster source for the database; {@code progress} runs every {@code every} rows.
     */
    public static ProjectGraph load(Database db, String projectId, int every, LoadProgress progress) {
        return load(db, projectId, Source.fastestFor(db.dialect()), every, progress);
    }

    /** As {@link #load(Database, String, int, LoadProgress)}, from the given source (benchmarks compare them). */
    public static ProjectGraph load(Database db, String projectId, Source source, int every, LoadProgress progress) {
        if (source == Source.COPY && db.dialect() != Dialect.POSTGRES) {
            throw new IllegalArgumentException("COPY needs Postgres");
        }
        Class<? extends GraphDao> daoType = GraphDao.forDialect(db.dialect());
        // The row count only scales the progress bar: counted on another connection while the rows stream,
        // so that it adds no time to the load (it takes a second for 10^6 edges on Postgres).
        CompletableFuture<Long> expected = CompletableFuture.supplyAsync(
                () -> db.jdbi().withExtension(daoType, dao -> dao.countGraphRows(projectId)), COUNTER);
        // Its own handle (see CommunityStore.replace); a transaction, so Postgres streams by fetch size.
        try (Handle h = db.jdbi().open()) {
            h.begin();
            try {
                Loader loader = new Loader(every, () -> expected.isDone() && !expected.isCompletedExceptionally()
                        ? expected.join() : 0L, progress);
                if (source == Source.COPY) {
                    PostgresGraphCopy.stream(h, projectId, loader);
                } else {
                    h.attach(daoType).streamGraph(projectId, row -> {
                        if (row.isEntity()) {
                            loader.entity(row.a(), row.b(), row.c());
                        } else {
                            loader.edge(row.a(), row.b(), row.c(), row.w());
                        }
                    });
                }
                return loader.build();
            } finally {
                h.rollback(); // read-only
                expected.cancel(false);
            }
        }
    }

    /** Receives the rows of one load. */
    interface RowSink {
        void entity(String id, String name, String type);

        void edge(String source, String target, String relation, double weight);
    }

    /** Collects the rows of one load and numbers nodes, types and relations as they come. */
    private static final class Loader implements RowSink {
        private final int every;
        private final LongSupplier expectedRows;
        private final LoadProgress progress;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> typeIndex = new HashMap<>();
        private final Map<String, Integer> relationIndex = new HashMap<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> relations = new ArrayList<>();
        private final Nodes nodes = new Nodes();
        private final Edges edges = new Edges();
        private long rows;

        Loader(int every, LongSupplier expectedRows, LoadProgress progress) {
            this.every = every;
            this.expectedRows = expectedRows;
            this.progress = progress;
        }

        private void counted() {
            if (++rows % every == 0) {
                progress.loaded(rows, edges.size, expectedRows.getAsLong());
            }
        }

        @Override
        public void entity(String id, String name, String type) {
            int node = node(index, nodes, id);
            nodes.names[node] = name;
            nodes.codes[node] = code(typeIndex, types, type);
            counted();
        }

        @Override
        public void edge(String source, String target, String relation, double weight) {
            int s = node(index, nodes, source);
            int t = node(index, nodes, target);
            edges.addEdge(s, t, weight, code(relationIndex, relations, relation));
            counted();
        }

        ProjectGraph build() {
            // Renumber nodes in id order, so that the same graph gives the same numbering (and so the
            // same communities for the same seed) whatever order the database returned the rows in.
            int n = index.size();
            String[] ids = index.keySet().toArray(new String[0]);
            Arrays.sort(ids);
            int[] renumber = new int[n];
            String[] names = new String[n];
            int[] typeCodes = new int[n];
            for (int i = 0; i < n; i++) {
                int old = index.get(ids[i]);
                renumber[old] = i;
                names[i] = nodes.names[old];
                typeCodes[i] = nodes.codes[old];
            }
            index.clear();
            int m = edges.size;
            int[] sources = new int[m];
            int[] targets = new int[m];
            for (int e = 0; e < m; e++) {
                sources[e] = renumber[edges.a[e]];
                targets[e] = renumber[edges.b[e]];
            }
            return new ProjectGraph(ids, names, typeCodes, types, sources, targets, Arrays.copyOf(edges.w, m),
                    Arrays.copyOf(edges.codes, m), relations);
        }
    }

    private static int node(Map<String, Integer> index, Nodes nodes, String id) {
        Integer existing = index.get(id);
        if (existing != null) {
            return existing;
        }
        int node = index.size();
        index.put(id, node);
        nodes.addNode();
        return node;
    }

    private static int code(Map<String, Integer> index, List<String> values, String value) {
        return index.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }

    public int nodeCount() {
        return ids.length;
    }

    public String id(int node) {
        return ids[node];
    }

    /** Name of the entity (its id when only an edge named it, which the importer does not allow). */
    public String name(int node) {
        return names[node] != null ? names[node] : ids[node];
    }

    public String type(int node) {
        return types.isEmpty() ? GraphImporter.DEFAULT_TYPE : types.get(typeCodes[node]);
    }

    /** Number of edge rows (before parallel edges are merged). */
    public int edgeRows() {
        return sources.length;
    }

    public int edgeSource(int edge) {
        return sources[edge];
    }

    public int edgeTarget(int edge) {
        return targets[edge];
    }

    public String relation(int edge) {
        return relations.get(relationCodes[edge]);
    }

    public int relationCode(int edge) {
        return relationCodes[edge];
    }

    public int relationCount() {
        return relations.size();
    }

    public String relationName(int code) {
        return relations.get(code);
    }

    public CsrGraph graph() {
        return graph;
    }

    /** Growable node columns. */
    private static final class Nodes {
        int size;
        int[] codes = new int[1024];
        String[] names = new String[1024];

        void addNode() {
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, size * 2);
                names = Arrays.copyOf(names, size * 2);
            }
            size++;
        }
    }

    /** Growable primitive edge columns, without boxing. */
    private static final class Edges {
        int size;
        int[] a = new int[1024];
        int[] b = new int[1024];
        double[] w = new double[1024];
        int[] codes = new int[1024];

        void addEdge(int s, int t, double weight, int code) {
            if (size == a.length) {
                int capacity = size * 2;
                a = Arrays.copyOf(a, capacity);
                b = Arrays.copyOf(b, capacity);
                w = Arrays.copyOf(w, capacity);
                codes = Arrays.copyOf(codes, capacity);
            }
            a[size] = s;
            b[size] = t;
            w[size] = weight;
            codes[size] = code;
            size++;
        }
    }
}
