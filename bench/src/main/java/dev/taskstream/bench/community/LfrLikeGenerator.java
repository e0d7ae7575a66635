package dev.taskstream.bench.community;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded generator of LFR-like benchmark graphs (after Lancichinetti, Fortunato &amp; Radicchi 2008)
 * for tests and benchmarks: unlike {@link PlantedPartitionGenerator}'s equal groups and even
 * degrees, node degrees follow a power law (exponent τ1) and community sizes another (τ2), the
 * heterogeneity on which label propagation is known to struggle.
 *
 * <p>Simplified construction, O(n log n + edges): degrees are drawn from a continuous power law
 * and rescaled to the wanted average; community sizes are drawn from [minCommunity, maxCommunity]
 * until they cover n nodes; nodes, highest degree first, go to random communities with room for
 * their internal degree {@code (1-μ)·d} (capped to the community's size when none has room).
 * Internal stubs are paired
 * at random inside each community, external stubs at random over the whole graph (a configuration
 * model; self-loops are dropped, parallel edges kept and summed by {@link PlantedPartition#toGraph}).
 * External pairs that land in one community stay, so the measured mixing is slightly below μ.
 */
public final class LfrLikeGenerator {

    /**
     * @param tau1           degree exponent (&gt; 1), e.g. 3
     * @param tau2           community-size exponent (&gt; 1), e.g. 1.5
     * @param averageDegree  wanted average degree (before self-loops are dropped)
     * @param minCommunity   smallest community size (≥ 2)
     * @param maxCommunity   largest community size (≤ nodes)
     */
    public record Params(int nodes, double tau1, double tau2, double mixing, double averageDegree, int minCommunity,
            int maxCommunity) {

        public Params {
            if (nodes < 2 || minCommunity < 2 || maxCommunity < minCommunity || maxCommunity > nodes) {
                throw new IllegalArgumentException("need 2 <= minCommunity <= maxCommunity <= nodes, got " + minCommunity
                        + ".." + maxCommunity + " of " + nodes);
            }
            if (!(tau1 > 1) || !(tau2 > 1) || !(mixing >= 0 && mixing <= 1) || !(averageDegree > 0)) {
                throw new IllegalArgumentException("need tau1, tau2 > 1, mixing in [0, 1], averageDegree > 0");
            }
        }

        /** The networkx LFR example of issue 15: τ1 = 3, τ2 = 1.5, average degree 20, communities from 20 nodes. */
        public static Params of(int nodes, double mixing) {
            return new Params(nodes, 3, 1.5, mixing, 20, 20, nodes);
        }
    }

    private LfrLikeGenerator() {
    }

    public static PlantedPartition generate(Params p, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = p.nodes();
        double[] raw = new double[n];
        double sum = 0;
        for (int v = 0; v < n; v++) {
            raw[v] = powerLaw(random, 1, n, p.tau1());
            sum += raw[v];
        }
        double scale = p.averageDegree() * n / sum;
        int[] degree = new int[n];
        for (int v = 0; v < n; v++) {
            degree[v] = (int) Math.max(1, Math.min(n - 1, Math.round(raw[v] * scale)));
        }
        int[] sizes = communitySizes(p, random);
        int communities = sizes.length;
        int[] membership = assignCommunities(degree, p.mixing(), sizes, random);
        int[] internal = new int[n];
        int[] external = new int[n];
        long internalStubs = 0;
        long externalStubs = 0;
        for (int v = 0; v < n; v++) {
            internal[v] = (int) Math.min(sizes[membership[v]] - 1, Math.round((1 - p.mixing()) * degree[v]));
            external[v] = degree[v] - internal[v];
            internalStubs += internal[v];
            externalStubs += external[v];
        }
        if ((internalStubs + externalStubs) / 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many edges for one graph");
        }
        EdgeList edges = new EdgeList((int) ((internalStubs + externalStubs) / 2));
        // Internal stubs: one shuffled stub list per community, grouped by community via counting sort.
        int[] start = new int[communities + 1];
        for (int v = 0; v < n; v++) {
            start[membership[v] + 1] += internal[v];
        }
        for (int c = 0; c < communities; c++) {
            start[c + 1] += start[c];
        }
        int[] stubs = new int[(int) internalStubs];
        int[] fill = start.clone();
        for (int v = 0; v < n; v++) {
            for (int k = 0; k < internal[v]; k++) {
                stubs[fill[membership[v]]++] = v;
            }
        }
        for (int c = 0; c < communities; c++) {
            edges.pairRandomly(stubs, start[c], start[c + 1], random);
        }
        int[] outside = new int[(int) externalStubs];
        int pos = 0;
        for (int v = 0; v < n; v++) {
            for (int k = 0; k < external[v]; k++) {
                outside[pos++] = v;
            }
        }
        edges.pairRandomly(outside, 0, outside.length, random);
        return new PlantedPartition(n, communities, edges.sources(), edges.targets(), membership);
    }

    /** Draws community sizes (largest first) until they cover n; the last one takes the rest. */
    private static int[] communitySizes(Params p, SplittableRandom random) {
        int n = p.nodes();
        int[] sizes = new int[n / p.minCommunity() + 1];
        int count = 0;
        int assigned = 0;
        while (assigned < n) {
            int size = (int) Math.round(powerLaw(random, p.minCommunity(), p.maxCommunity(), p.tau2()));
            if (n - assigned - size < p.minCommunity()) {
                size = n - assigned; // rather than leave a runt
            }
            sizes[count++] = size;
            assigned += size;
        }
        int[] result = Arrays.copyOf(sizes, count);
        Arrays.sort(result);
        for (int i = 0, j = count - 1; i < j; i++, j--) {
            int t = result[i];
            result[i] = result[j];
            result[j] = t;
        }
        return result;
    }

    /**
     * Puts the nodes, highest degree first, into random communities large enough for their internal
     * degree (as LFR does), so that hubs are not forced to send most of their edges outside.
     * {@code sizes} is sorted descending, so the communities a node fits in are a prefix of it.
     */
    private static int[] assignCommunities(int[] degree, double mixing, int[] sizes, SplittableRandom random) {
        int n = degree.length;
        long[] byDegree = new long[n];
        for (int v = 0; v < n; v++) {
            byDegree[v] = ((long) (Integer.MAX_VALUE - degree[v]) << 32) | v;
        }
        Arrays.sort(byDegree);
        int[] free = sizes.clone();
        int[] membership = new int[n];
        int fits = 0; // communities 0..fits-1 are large enough for the current node
        for (long key : byDegree) {
            int v = (int) key;
            long internal = Math.round((1 - mixing) * degree[v]);
            while (fits < sizes.length && (sizes[fits] - 1 >= internal || fits == 0)) {
                fits++;
            }
            int c = random.nextInt(fits);
            for (int tries = 0; free[c] == 0 && tries < 32; tries++) {
                c = random.nextInt(fits);
            }
            if (free[c] == 0) {
                c = firstWithRoom(free, c);
            }
            free[c]--;
            membership[v] = c;
        }
        return membership;
    }

    /** The first community with room from {@code from} on, wrapping around (there is always one). */
    private static int firstWithRoom(int[] free, int from) {
        for (int i = 0; i < free.length; i++) {
            int c = (from + i) % free.length;
            if (free[c] > 0) {
                return c;
            }
        }
        throw new IllegalStateException("community sizes do not cover the nodes");
    }

    /** Inverse-transform sample of a continuous power law x^-tau on [min, max]. */
    private static double powerLaw(SplittableRandom random, double min, double max, double tau) {
        double a = Math.pow(min, 1 - tau);
        double b = Math.pow(max, 1 - tau);
        return Math.pow(a + random.nextDouble() * (b - a), 1 / (1 - tau));
    }

    /** Growing edge arrays, filled by random stub pairing. */
    private static final class EdgeList {
        private final int[] sources;
        private final int[] targets;
        private int size;

        EdgeList(int capacity) {
            sources = new int[capacity];
            targets = new int[capacity];
        }

        /** Shuffles {@code stubs[from, to)} and joins consecutive pairs; drops self-loops and an odd stub. */
        void pairRandomly(int[] stubs, int from, int to, SplittableRandom random) {
            for (int i = to - 1; i > from; i--) {
                int j = from + random.nextInt(i - from + 1);
                int t = stubs[i];
                stubs[i] = stubs[j];
                stubs[j] = t;
            }
            for (int i = from; i + 1 < to; i += 2) {
                if (stubs[i] != stubs[i + 1]) {
                    sources[size] = stubs[i];
                    targets[size] = stubs[i + 1];
                    size++;
                }
            }
        }

        int[] sources() {
            return Arrays.copyOf(sources, size);
        }

        int[] targets() {
            return Arrays.copyOf(targets, size);
        }
    }
}
