package dev.taskstream.bench.community;

import java.util.SplittableRandom;

/**
 * Seeded generator of planted-partition graphs for tests and benchmarks.
 *
 * <p>Node v belongs to group {@code v % groups}, so groups differ in size by at most one and the
 * members of a group are spread over the whole id range (no accidental memory locality). Each
 * edge picks a uniformly random endpoint u; with probability μ (the mixing parameter) the other
 * endpoint is a uniform node of another group, otherwise a uniform other node of u's group. So in
 * expectation a fraction μ of each node's edges leave its group. Cost: O(edges) time and
 * 8 bytes per edge, no boxing.
 */
public final class PlantedPartitionGenerator {

    private PlantedPartitionGenerator() {
    }

    public static PlantedPartition generate(int nodes, int groups, int edges, double mixing, long seed) {
        if (groups < 1 || nodes < 2L * groups) {
            throw new IllegalArgumentException("need groups >= 1 and at least 2 nodes per group, got "
                    + nodes + " nodes in " + groups + " groups");
        }
        if (edges < 0) {
            throw new IllegalArgumentException("edges must be >= 0, got " + edges);
        }
        if (!(mixing >= 0 && mixing <= 1) || (groups == 1 && mixing > 0)) {
            throw new IllegalArgumentException("mixing must be in [0, 1] (and 0 with a single group), got " + mixing);
        }
        int[] membership = new int[nodes];
        for (int v = 0; v < nodes; v++) {
            membership[v] = v % groups;
        }
        int baseSize = nodes / groups;
        int largerGroups = nodes % groups; // groups 0..largerGroups-1 have one extra node

        SplittableRandom random = new SplittableRandom(seed);
        int[] sources = new int[edges];
        int[] targets = new int[edges];
        for (int i = 0; i < edges; i++) {
            int u = random.nextInt(nodes);
            int group = u % groups;
            int v;
            if (random.nextDouble() < mixing) {
                do {
                    v = random.nextInt(nodes);
                } while (v % groups == group);
            } else {
                int groupSize = baseSize + (group < largerGroups ? 1 : 0);
                do {
                    v = group + random.nextInt(groupSize) * groups;
                } while (v == u);
            }
            sources[i] = u;
            targets[i] = v;
        }
        return new PlantedPartition(nodes, groups, sources, targets, membership);
    }
}
