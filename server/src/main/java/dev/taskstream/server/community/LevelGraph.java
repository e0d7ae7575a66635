package dev.taskstream.server.community;

/**
 * One level of the Leiden hierarchy: a CSR graph without self-loops plus a weight per node. At
 * level 0 the node weights are the strengths of the input graph; at aggregated levels a node is a
 * refined community and its weight is the sum of its members' strengths, so the edges inside it
 * (which aggregation drops) still count in the modularity null model.
 */
final class LevelGraph {

    final int nodeCount;
    final int[] offsets;
    final int[] neighbors;
    final double[] weights;
    final double[] nodeWeights;

    LevelGraph(int nodeCount, int[] offsets, int[] neighbors, double[] weights, double[] nodeWeights) {
        this.nodeCount = nodeCount;
        this.offsets = offsets;
        this.neighbors = neighbors;
        this.weights = weights;
        this.nodeWeights = nodeWeights;
    }

    static LevelGraph of(CsrGraph graph) {
        return new LevelGraph(graph.nodeCount(), graph.offsets(), graph.neighbors(), graph.weights(), graph.strengths());
    }
}
