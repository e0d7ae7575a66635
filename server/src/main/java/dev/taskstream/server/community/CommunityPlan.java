package dev.taskstream.server.community;

import dev.taskstream.server.http.StorableText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rebuild writes: per community its name, description, top members and its members in order
 * (degree descending, then weight inside the community descending, then entity id), computed from the
 * detection result without a language model.
 *
 * <ul>
 *   <li>Name: what the members' names share, with the size, e.g. "Behavioural Economics (135)", or the
 *       central member (first in that order): "Around Ada Lovelace (12)"; see {@link CommunityNamer}.</li>
 *   <li>Description: size, the most common entity types, the most common relations of the edges inside,
 *       and the central members.</li>
 * </ul>
 */
public final class CommunityPlan {
    static final int TOP_MEMBERS = 5;
    private static final int MAX_NAME = 500;
    private static final int MAX_DESCRIPTION = 2000;

    /** One community to save; {@code members} are node ids of the project graph, in member order. */
    public record Planned(int ordinal, String name, String description, List<String> topMembers, int[] members) {
    }

    private final ProjectGraph graph;
    private final int[] degree;
    private final List<Planned> communities;

    private CommunityPlan(ProjectGraph graph, int[] degree, List<Planned> communities) {
        this.graph = graph;
        this.degree = degree;
        this.communities = communities;
    }

    public List<Planned> communities() {
        return communities;
    }

    public ProjectGraph graph() {
        return graph;
    }

    /** Distinct neighbours of a node in the project graph. */
    public int degree(int node) {
        return degree[node];
    }

    public static CommunityPlan of(ProjectGraph pg, DetectionResult result) {
        CsrGraph g = pg.graph();
        int n = g.nodeCount();
        int k = result.communityCount();
        int[] degree = new int[n];
        double[] inside = new double[n];
        int[] offsets = g.offsets();
        int[] neighbors = g.neighbors();
        double[] weights = g.weights();
        for (int v = 0; v < n; v++) {
            degree[v] = g.degree(v);
            int c = result.communityOf(v);
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                if (result.communityOf(neighbors[e]) == c) {
                    inside[v] += weights[e];
                }
            }
        }
        // Nodes grouped by community (counting sort), then each group sorted into member order.
        int[] start = new int[k + 1];
        for (int v = 0; v < n; v++) {
            start[result.communityOf(v) + 1]++;
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        Integer[] order = new Integer[n];
        int[] fill = Arrays.copyOf(start, k);
        for (int v = 0; v < n; v++) {
            order[fill[result.communityOf(v)]++] = v;
        }
        java.util.Comparator<Integer> memberOrder = (a, b) -> {
            int byDegree = Integer.compare(degree[b], degree[a]);
            if (byDegree != 0) {
                return byDegree;
            }
            int byInside = Double.compare(inside[b], inside[a]);
            return byInside != 0 ? byInside : pg.id(a).compareTo(pg.id(b));
        };
        Counts types = new Counts(k);
        for (int v = 0; v < n; v++) {
            types.add(result.communityOf(v), pg.type(v));
        }
        Counts relations = new Counts(k);
        for (int e = 0; e < pg.edgeRows(); e++) {
            int c = result.communityOf(pg.edgeSource(e));
            if (c == result.communityOf(pg.edgeTarget(e))) {
                relations.add(c, pg.relation(e));
            }
        }
        List<String> allNames = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            allNames.add(pg.name(v));
        }
        CommunityNamer namer = new CommunityNamer(allNames);
        List<Planned> planned = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Arrays.sort(order, start[c], start[c + 1], memberOrder);
            int size = start[c + 1] - start[c];
            int[] members = new int[size];
            for (int i = 0; i < size; i++) {
                members[i] = order[start[c] + i];
            }
            List<String> names = new ArrayList<>(size);
            for (int member : members) {
                names.add(pg.name(member));
            }
            List<String> top = List.copyOf(names.subList(0, Math.min(TOP_MEMBERS, size)));
            planned.add(new Planned(c, clip(namer.name(names), MAX_NAME),
                    clip(description(size, top, types.top(c), relations.top(c)), MAX_DESCRIPTION), top, members));
        }
        return new CommunityPlan(pg, degree, planned);
    }

    static String description(int size, List<String> top, List<Map.Entry<String, Integer>> types,
            List<Map.Entry<String, Integer>> relations) {
        StringBuilder d = new StringBuilder();
        d.append(size).append(size == 1 ? " member" : " members");
        if (!types.isEmpty()) {
            d.append(" (");
            for (int i = 0; i < Math.min(3, types.size()); i++) {
                Map.Entry<String, Integer> t = types.get(i);
                d.append(i == 0 ? "" : ", ").append(t.getValue()).append(' ').append(t.getKey());
            }
            if (types.size() > 3) {
                d.append(", ").append(types.size() - 3).append(types.size() == 4 ? " other type" : " other types");
            }
            d.append(")");
        }
        d.append(". ");
        if (relations.isEmpty()) {
            d.append("No links inside the community.");
        } else {
            d.append("Linked mostly by ");
            for (int i = 0; i < Math.min(3, relations.size()); i++) {
                Map.Entry<String, Integer> r = relations.get(i);
                d.append(i == 0 ? "" : ", ").append(r.getKey()).append(" (").append(r.getValue()).append(')');
            }
            d.append('.');
        }
        if (size > 1) {
            d.append(" Central members: ").append(String.join(", ", top.subList(0, Math.min(3, top.size()))))
                    .append('.');
        }
        return d.toString();
    }

    /** Names and descriptions are cut between characters, never inside an emoji's surrogate pair. */
    private static String clip(String s, int max) {
        return StorableText.clip(s, max);
    }

    /** Counts of labels per community, most common first (ties: alphabetical). */
    private static final class Counts {
        private final Map<String, Integer>[] perCommunity;

        @SuppressWarnings("unchecked")
        Counts(int communities) {
            perCommunity = new Map[communities];
        }

        void add(int community, String label) {
            Map<String, Integer> m = perCommunity[community];
            if (m == null) {
                m = new HashMap<>(4);
                perCommunity[community] = m;
            }
            m.merge(label, 1, Integer::sum);
        }

        List<Map.Entry<String, Integer>> top(int community) {
            Map<String, Integer> m = perCommunity[community];
            if (m == null) {
                return List.of();
            }
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(m.entrySet());
            entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            return entries;
        }
    }
}
