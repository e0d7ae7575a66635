package dev.taskstream.server.community;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Weighted label propagation (Raghavan, Albert &amp; Kumara 2007) under a modularity constraint
 * (Barber &amp; Clark 2009, "LPAm"), asynchronous, with seeded random choices and a guaranteed stop.
 *
 * <p>Labels start as the node ids. A node takes, from the labels of its neighbours, the one with
 * the largest <em>excess</em> weight: the (summed) CSR edge weight to the neighbours carrying it,
 * minus the weight a random graph with the same degrees would put there,
 * {@code γ · k_v · K_l / 2m} (k_v the node's strength, K_l the total strength of the nodes
 * carrying l, γ the resolution). Ties between the best labels are broken at random with the seed.
 *
 * <p>Why the constraint (issue 26): plain label propagation counts votes only. On graphs with
 * communities of very different sizes and a mixing of 0.4 or more, a large community's label
 * consolidates first and then outvotes the still-fragmented labels of every small community next
 * to it (a node of a small community sees three or four neighbours in the large one and at most
 * two with any one label of its own community): in a few sweeps one label held up to 90 % of an
 * LFR-like graph, with the planted structure still plainly there (Leiden found it). With the
 * expected-weight term a label's pull shrinks as it grows, so a giant label stops gaining nodes
 * whose ties to it are no stronger than chance; on small or well-separated communities the term
 * is negligible and the run is the classic one. Update order, tie-breaking, the stopping rule and
 * the connected split were measured too and are not the cause (docs/graph-and-communities.md).
 *
 * <p>Updates are asynchronous, in a seeded random order reshuffled every sweep. A node only
 * changes label when the new label's excess weight is strictly greater than that of its current
 * label (counted without the node itself), which is m times the modularity gain of the move, so
 * every change strictly raises modularity: the run converges (the original looped forever on two
 * entities joined by parallel edges). It stops after the first sweep in which fewer than
 * {@link #STOP_FRACTION} of the nodes change (for fewer than 1 / STOP_FRACTION nodes: none), or
 * after {@code maxIterations} sweeps. Then whole labels are merged while that raises modularity
 * ({@link #mergeLabels}): one-node moves cannot join two halves of a community that formed apart.
 *
 * <p>A label can end up on several parts of the graph with no edge between them (the nodes that
 * carried it across later changed). As a guarantee, the result is split into connected
 * components ({@link ConnectedSplit}), as Leiden's is, so every community is connected.
 */
public final class LabelPropagation {

    /**
     * A sweep in which fewer than this fraction of the nodes change is the last one. The long tail
     * of sweeps that each move a few border nodes costs a full pass over the graph each; the label
     * merge that follows ({@link #mergeLabels}) does in a few cheap passes over the label graph what
     * that tail does slowly (on an LFR-like graph of 100,000 nodes whose largest community holds
     * 70 % of them: 15 sweeps instead of 100 and more, same result).
     */
    static final double STOP_FRACTION = 0.01;

    /** Rounds of sweeps and label merges at most (the last round ends with a merge). */
    static final int MERGE_ROUNDS = 3;

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
     * Runs label propagation. {@code resolution} (γ) scales the expected-weight term and is the
     * resolution of the modularity reported in the result; progress is reported between sweeps
     * (see {@link DetectionMonitor}).
     */
    public DetectionResult run(CsrGraph input, double resolution, DetectionMonitor monitor) {
        // The chance term's arithmetic (γ / 2m) must not overflow on tiny weights; see Leiden.
        CsrGraph graph = input.withNormalizedWeights();
        ProgressReporter progress = new ProgressReporter(monitor);
        int n = graph.nodeCount();
        int[] offsets = graph.offsets();
        int[] neighbors = graph.neighbors();
        double[] weights = graph.weights();

        int[] labels = new int[n];
        double[] labelStrength = new double[n]; // K_l: total strength of the nodes carrying label l
        double[] strengths = graph.strengths();
        for (int v = 0; v < n; v++) {
            labels[v] = v;
            labelStrength[v] = strengths[v];
        }
        double m = graph.totalEdgeWeight();
        double scaledResolution = m > 0 ? resolution / (2 * m) : 0;
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
        for (int round = 1; ; round++) {
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
                double k = strengths[v];
                double penalty = scaledResolution * k;
                // Excess weight of staying, with v itself taken out of its label.
                double stay = -penalty * (labelStrength[current] - k);
                double bestGain = Double.NEGATIVE_INFINITY;
                int best = current;
                int ties = 0;
                for (int i = 0; i < seen; i++) {
                    int slot = usedSlots[i];
                    int label = slotLabel[slot];
                    double w = slotWeight[slot];
                    slotLabel[slot] = -1;
                    if (label == current) {
                        stay += w;
                        continue;
                    }
                    double gain = w - penalty * labelStrength[label];
                    if (gain > bestGain) {
                        best = label;
                        bestGain = gain;
                        ties = 1;
                    } else if (gain == bestGain && random.nextInt(++ties) == 0) {
                        best = label; // reservoir sampling: each of the best labels equally likely
                    }
                }
                // Only a strictly better label replaces the current one (see class comment).
                if (bestGain > stay) {
                    labels[v] = best;
                    labelStrength[current] -= k;
                    labelStrength[best] += k;
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

        // Merge whole labels; then let single nodes move again against the merged labels (their
        // pull changed), and merge again: at most MERGE_ROUNDS times, within the sweep cap.
        if (m == 0 || !mergeLabels(graph, labels, scaledResolution, random) || round == MERGE_ROUNDS
                || iterations >= maxIterations) {
            break;
        }
        Arrays.fill(labelStrength, 0);
        for (int v = 0; v < n; v++) {
            labelStrength[labels[v]] += strengths[v];
        }
        }
        int[] membership = ConnectedSplit.split(graph, labels);
        CommunityNumbering.canonicalize(membership);
        return CommunityDetector.resultOf(graph, membership, resolution, iterations);
    }

    /**
     * Merges whole labels while that raises modularity: the labels become the nodes of an
     * aggregated graph ({@link Aggregation}), on which {@link FastLocalMoving} joins neighbouring
     * labels, level after level until no join gains. Why: propagation moves one node at a time, so
     * two halves of one community that formed apart can never join (each node of one half has most
     * of its neighbours in its own half), and a label that flooded far past its community early on
     * sheds nodes into many small labels. On the label graph such pieces join again in a few cheap
     * passes (the label graph has one node per label, not per entity).
     *
     * @param labels label of each node, ids in {@code 0..n-1}; rewritten in place to the merged ones
     *               (dense ids)
     * @return whether any labels were merged
     */
    static boolean mergeLabels(CsrGraph graph, int[] labels, double scaledResolution, SplittableRandom random) {
        int count = Refinement.renumber(labels);
        boolean merged = false;
        LevelGraph level = LevelGraph.of(graph);
        int[] cluster = labels.clone(); // cluster of each node of level, dense 0..count-1
        while (count > 1 && count < level.nodeCount) {
            LevelGraph labelGraph = Aggregation.run(level, cluster, count);
            int[] joined = new int[count];
            for (int c = 0; c < count; c++) {
                joined[c] = c;
            }
            if (FastLocalMoving.run(labelGraph, joined, scaledResolution, random) <= 0) {
                return merged; // no join raises modularity
            }
            merged = true;
            int next = Refinement.renumber(joined);
            for (int v = 0; v < labels.length; v++) {
                labels[v] = joined[labels[v]];
            }
            level = labelGraph;
            cluster = joined;
            count = next;
        }
        return merged;
    }
}
