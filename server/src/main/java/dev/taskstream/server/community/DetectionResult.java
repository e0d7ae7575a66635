package dev.taskstream.server.community;

import java.util.Arrays;

/**
 * Outcome of a community-detection run.
 *
 * @param membership     community of each node. Ids are dense {@code 0..communityCount-1}, ordered
 *                       by community size descending (0 is the largest), ties broken by the
 *                       smallest member node id. The array is copied in and out, so a result is
 *                       immutable; use {@link #communityOf(int)} to avoid copies.
 * @param communityCount number of communities (every isolated node is its own community)
 * @param modularity     modularity of the partition at the run's resolution (0 for a graph
 *                       without edges), see {@link Modularity}
 * @param iterations     iterations actually performed (≤ the cap in the options)
 */
public record DetectionResult(int[] membership, int communityCount, double modularity, int iterations) {

    public DetectionResult {
        membership = membership.clone();
    }

    @Override
    public int[] membership() {
        return membership.clone();
    }

    public int nodeCount() {
        return membership.length;
    }

    public int communityOf(int node) {
        return membership[node];
    }

    /** Number of nodes in each community, indexed by community id (non-increasing). */
    public int[] communitySizes() {
        int[] sizes = new int[communityCount];
        for (int c : membership) {
            sizes[c]++;
        }
        return sizes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectionResult r
                && communityCount == r.communityCount
                && Double.compare(modularity, r.modularity) == 0
                && iterations == r.iterations
                && Arrays.equals(membership, r.membership);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(membership) + Double.hashCode(modularity) + 17 * communityCount + iterations;
    }

    @Override
    public String toString() {
        return "DetectionResult[nodes=" + membership.length + ", communities=" + communityCount
                + ", modularity=" + modularity + ", iterations=" + iterations + "]";
    }
}
