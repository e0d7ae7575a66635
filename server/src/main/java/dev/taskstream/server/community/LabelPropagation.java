package dev.taskstream.server.community;

import java.util.SplittableRandom;

/**
 * Weighted label propagation, keeping the semantics of the original system while guaranteeing
 * that it stops.
 *
 * <p>Semantics kept: labels start as the node ids; a node adopts the label with the largest total
 * weight among its neighbours, where the weight to a neighbour is the (summed) CSR edge weight;
 * ties between candidate labels go to the higher label.
 *
 * <p>Termination (the original looped forever, e.g. on two entities joined by parallel edges,
 * where synchronous updates made the two nodes swap labels on every round):
 * <ul>
 *   <li>updates are asynchronous, in a seeded random order reshuffled every sweep;</li>
 *   <li>a node only changes label when the new label's weight is strictly greater than the
 *       weight of its current label. Each change then strictly increases the total weight of
 *       edges whose ends agree, which can only happen finitely often, so the run converges;</li>
 *   <li>in addition, at most {@code maxIterations} sweeps are performed.</li>
 * </ul>
 * The run stops after the first sweep in which no label changes, or when the cap is hit.
 */
public final class LabelPropagation {

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
        java.util.Arrays.fill(slotLabel, -1);
        double[] slotWeight = new double[slotLabel.length];
        int[] usedSlots = new int[maxDegree];
        int[] order = RandomOrder.permutation(n, new SplittableRandom(seed));
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);

        progress.report(0, 0.0);
        int iterations = 0;
        boolean changedInSweep = n > 0;
        while (changedInSweep && iterations < maxIterations) {
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
                int best = labels[v];
                double currentWeight = 0;
                for (int i = 0; i < seen; i++) {
                    if (slotLabel[usedSlots[i]] == best) {
                        currentWeight = slotWeight[usedSlots[i]];
                        break;
                    }
                }
                double bestWeight = currentWeight;
                for (int i = 0; i < seen; i++) {
                    int slot = usedSlots[i];
                    int label = slotLabel[slot];
                    double w = slotWeight[slot];
                    if (w > bestWeight || (w == bestWeight && label > best && w > currentWeight)) {
                        best = label;
                        bestWeight = w;
                    }
                    slotLabel[slot] = -1;
                }
                // Ties with the current label keep the current label (see class comment); only a
                // strictly heavier label replaces it.
                if (best != labels[v]) {
                    labels[v] = best;
                    changes++;
                }
            }
            iterations++;
            changedInSweep = changes > 0;
            boolean finished = !changedInSweep || iterations == maxIterations;
            // Share of nodes that kept their label is a rough but monotone-ish progress signal.
            double estimate = finished ? 1.0 : Math.max((double) iterations / maxIterations, 1.0 - (double) changes / n);
            progress.report(iterations, estimate);
        }

        CommunityNumbering.canonicalize(labels);
        return CommunityDetector.resultOf(graph, labels, resolution, iterations);
    }
}
