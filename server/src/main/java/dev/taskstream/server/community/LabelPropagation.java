package dev.taskstream.server.community;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Weighted label propagation (Raghavan, Albert &amp; Kumara 2007), asynchronous, with seeded random
 * choices and a guaranteed stop.
 *
 * <p>Labels start as the node ids; a node adopts the label with the largest total weight among
 * its neighbours, where the weight to a neighbour is the (summed) CSR edge weight. Labels are only
 * ever taken from neighbours, and ties between the heaviest labels are broken at random with the
 * seed. Deterministic ties (the original system gave them to the higher label) let the highest ids
 * flood the graph: on a sparse graph with weak structure the whole graph ended in one community.
 *
 * <p>Updates are asynchronous, in a seeded random order reshuffled every sweep. A node only
 * changes label when the new label's weight is strictly greater than that of its current label,
 * so each change strictly increases the total weight of edges whose ends agree: the run converges
 * (the original looped forever on two entities joined by parallel edges). It stops after the first
 * sweep in which fewer than {@link #STOP_FRACTION} of the nodes change (for fewer than
 * 1 / STOP_FRACTION nodes: none), or after {@code maxIterations} sweeps.
 *
 * <p>A label can end up on several parts of the graph with no edge between them (the nodes that
 * carried it across later changed). As a guarantee, the result is split into connected
 * components ({@link ConnectedSplit}), as Leiden's is, so every community is connected.
 */
public final class LabelPropagation {

    /**
     * A sweep in which fewer than this fraction of the nodes change is the last one. The long tail
     * of sweeps that each move a handful of border nodes costs a full pass over the graph each,
     * for no visible change in the partition (NetworKit's PLP uses the same rule with 1e-5).
     */
    static final double STOP_FRACTION = 1e-4;

    private final long seed;
    private final int maxIterations;

    public LabelPropagation(long seed, int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        this.seed = seed;
        this.maxIterations = maxIterations;
    }

    /**
     * Runs label propagation. {@code resolution} is only used for the modularity reported in the
     * result; progress is reported between sweeps (see {@link DetectionMonitor}).
     */
    public DetectionResult run(CsrGraph graph, double resolution, DetectionMonitor monitor) {
        ProgressReporter progress = new ProgressReporter(monitor);
        int n = graph.nodeCount();
        int[] offsets = graph.offsets();
        int[] neighbors = graph.neighbors();
        double[] weights = graph.weights();

        int[] labels = new int[n];
        for (int v = 0; v < n; v++) {
            labels[v] = v;
        }
        // Scratch: weight per neighbouring label in a small open-addressing table sized to the
        // node's degree (see FastLocalMoving): stays in L1, unlike a dense array indexed by label.
        int maxDegree = 0;
        for (int v = 0; v < n; v++) {
            maxDegree = Math.max(maxDegree, offsets[v + 1] - offsets[v]);
        }
        int[] slotLabel = new int[FastLocalMoving.tableCapacity(maxDegree)];
        Arrays.fill(slotLabel, -1);
        double[] slotWeight = new double[slotLabel.length];
        int[] usedSlots = new int[maxDegree];
        int[] order = RandomOrder.permutation(n, new SplittableRandom(seed));
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);

        progress.report(0, 0.0);
        int iterations = 0;
        double stopBelow = Math.max(1, STOP_FRACTION * n);
        boolean busy = n > 0;
        while (busy && iterations < maxIterations) {
            if (iterations > 0) {
                RandomOrder.shuffle(order, random);
            }
            int changes = 0;
            for (int v : order) {
                int rowStart = offsets[v];
                int rowEnd = offsets[v + 1];
                int capacity = FastLocalMoving.tableCapacity(rowEnd - rowStart);
                int shift = 32 - Integer.numberOfTrailingZeros(capacity);
                int mask = capacity - 1;
                int seen = 0;
                for (int e = rowStart; e < rowEnd; e++) {
                    int label = labels[neighbors[e]];
                    int slot = (label * 0x9E3779B9) >>> shift;
                    while (true) {
                        int key = slotLabel[slot];
                        if (key == label) {
                            slotWeight[slot] += weights[e];
                            break;
                        }
                        if (key < 0) {
                            slotLabel[slot] = label;
                            slotWeight[slot] = weights[e];
                            usedSlots[seen++] = slot;
                            break;
                        }
                        slot = (slot + 1) & mask;
                    }
                }
                int current = labels[v];
                double currentWeight = 0;
                double bestWeight = 0;
                int best = current;
                int ties = 0;
                for (int i = 0; i < seen; i++) {
                    int slot = usedSlots[i];
                    int label = slotLabel[slot];
                    double w = slotWeight[slot];
                    slotLabel[slot] = -1;
                    if (label == current) {
                        currentWeight = w;
                    }
                    if (w > bestWeight) {
                        best = label;
                        bestWeight = w;
                        ties = 1;
                    } else if (w == bestWeight && random.nextInt(++ties) == 0) {
                        best = label; // reservoir sampling: each of the heaviest labels equally likely
                    }
                }
                // Only a strictly heavier label replaces the current one (see class comment).
                if (bestWeight > currentWeight) {
                    labels[v] = best;
                    changes++;
                }
            }
            iterations++;
            busy = changes >= stopBelow;
            boolean finished = !busy || iterations == maxIterations;
            // Share of nodes that kept their label is a rough but monotone-ish progress signal.
            double estimate = finished ? 1.0 : Math.max((double) iterations / maxIterations, 1.0 - (double) changes / n);
            progress.report(iterations, estimate);
        }

        int[] membership = ConnectedSplit.split(graph, labels);
        CommunityNumbering.canonicalize(membership);
        return CommunityDetector.resultOf(graph, membership, resolution, iterations);
    }
}
