package dev.taskstream.server.community;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.graph.GraphDao;
import dev.taskstream.server.graph.GraphImporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A project's graph in memory for community detection: entity ids mapped to dense ints
 * {@code 0..n-1}, the CSR graph, and per node its name and type, per edge its relation (as small
 * codes, for the community descriptions). Loaded with one streaming query ({@link GraphDao#streamGraph})
 * straight into growable primitive columns; it lives with the community code, which is its only user.
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

    /**
     * Loads entities and edges of {@code projectId} in one query (entities and edges in any order,
     * fetched in chunks); {@code every100k} runs after every 100,000 rows (a cancellation check).
     */
    public static ProjectGraph load(Database db, String projectId, Runnable every100k) {
        // Its own handle (see CommunityStore.replace); a transaction, so Postgres streams by fetch size.
        try (Handle h = db.jdbi().open()) {
            h.begin();
            try {
                Loader loader = new Loader(every100k);
                h.attach(GraphDao.forDialect(db.dialect())).streamGraph(projectId, loader::add);
                return loader.build();
            } finally {
                h.rollback(); // read-only
            }
        }
    }

    /** Collects the rows of one load and numbers nodes, types and relations as they come. */
    private static final class Loader {
        private final Runnable every100k;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> typeIndex = new HashMap<>();
        private final Map<String, Integer> relationIndex = new HashMap<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> relations = new ArrayList<>();
        private final Nodes nodes = new Nodes();
        private final Edges edges = new Edges();
        private long rows;

        Loader(Runnable every100k) {
            this.every100k = every100k;
        }

        void add(GraphDao.GraphRow row) {
            if (++rows % 100_000 == 0) {
                every100k.run();
            }
            if (row.isEntity()) {
                int node = node(index, nodes, row.a());
                nodes.names[node] = row.b();
                nodes.codes[node] = code(typeIndex, types, row.c());
            } else {
                int s = node(index, nodes, row.a());
                int t = node(index, nodes, row.b());
                edges.addEdge(s, t, row.w(), code(relationIndex, relations, row.c()));
            }
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
