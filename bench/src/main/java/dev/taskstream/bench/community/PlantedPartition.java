package dev.taskstream.bench.community;

import dev.taskstream.server.community.CsrGraph;
import dev.taskstream.server.community.CsrGraphBuilder;

/**
 * A generated graph with known communities: unweighted edges {@code sources[i]–targets[i]} (may
 * contain a few parallel edges, never self-loops) and the ground-truth group of every node.
 */
public record PlantedPartition(int nodeCount, int groupCount, int[] sources, int[] targets, int[] membership) {

    public int edgeCount() {
        return sources.length;
    }

    /** The CSR graph of the edges, each of weight 1 (parallel edges summed). */
    public CsrGraph toGraph() {
        return CsrGraphBuilder.build(nodeCount, sources, targets, null);
    }
}
