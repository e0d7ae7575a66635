package dev.taskstream.bench.community;

import java.util.Arrays;

/**
 * Normalized mutual information between two partitions of the same nodes, normalised by the
 * arithmetic mean of the entropies: NMI = 2·I(A;B) / (H(A) + H(B)), in [0, 1], 1 for identical
 * partitions up to renaming. When both partitions are trivial (H(A) = H(B) = 0, e.g. both put all
 * nodes together, or there are no nodes) they are identical and NMI is defined as 1.
 */
public final class NormalizedMutualInformation {

    private NormalizedMutualInformation() {
    }

    /** @param a, b community ids per node, non-negative, same length */
    public static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("partitions differ in size: " + a.length + " vs " + b.length);
        }
        int n = a.length;
        if (n == 0) {
            return 1.0;
        }
        int[] da = dense(a);
        int[] db = dense(b);
        int ka = max(da) + 1;
        int kb = max(db) + 1;
        long[] countA = new long[ka];
        long[] countB = new long[kb];
        long[] pairs = new long[n];
        for (int i = 0; i < n; i++) {
            countA[da[i]]++;
            countB[db[i]]++;
            pairs[i] = (long) da[i] * kb + db[i];
        }
        Arrays.sort(pairs); // equal (a, b) pairs become runs: the non-zero cells of the contingency table
        double hA = entropy(countA, n);
        double hB = entropy(countB, n);
        if (hA + hB == 0) {
            return 1.0;
        }
        double mutual = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && pairs[j] == pairs[i]) {
                j++;
            }
            double nij = j - i;
            long ca = countA[(int) (pairs[i] / kb)];
            long cb = countB[(int) (pairs[i] % kb)];
            mutual += nij / n * Math.log(nij * n / ((double) ca * cb));
            i = j;
        }
        return Math.max(0, Math.min(1, 2 * mutual / (hA + hB)));
    }

    private static double entropy(long[] counts, int n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** Ids renumbered {@code 0..k-1} in order of first appearance (NMI does not depend on the numbering). */
    private static int[] dense(int[] ids) {
        int[] renumbered = new int[max(ids) + 1];
        Arrays.fill(renumbered, -1);
        int[] copy = new int[ids.length];
        int k = 0;
        for (int v = 0; v < ids.length; v++) {
            if (ids[v] < 0) {
                throw new IllegalArgumentException("community ids must be >= 0, got " + ids[v]);
            }
            if (renumbered[ids[v]] < 0) {
                renumbered[ids[v]] = k++;
            }
            copy[v] = renumbered[ids[v]];
        }
        return copy;
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
