package dev.taskstream.server.community;

import java.util.Arrays;

/**
 * Renumbers a partition into the canonical form of {@link DetectionResult}: dense ids
 * {@code 0..k-1}, largest community first, equal sizes ordered by their smallest member.
 */
final class CommunityNumbering {

    private CommunityNumbering() {
    }

    /** Rewrites {@code membership} (non-negative ids) in place and returns the number of communities. */
    static int canonicalize(int[] membership) {
        int n = membership.length;
        if (n == 0) {
            return 0;
        }
        int maxId = 0;
        for (int c : membership) {
            if (c < 0) {
                throw new IllegalArgumentException("community ids must be >= 0, got " + c);
            }
            maxId = Math.max(maxId, c);
        }
        // Dense ids in order of first appearance = order of smallest member.
        int[] dense = new int[maxId + 1];
        Arrays.fill(dense, -1);
        int k = 0;
        for (int v = 0; v < n; v++) {
            int c = membership[v];
            if (dense[c] < 0) {
                dense[c] = k++;
            }
            membership[v] = dense[c];
        }
        int[] sizes = new int[k];
        for (int c : membership) {
            sizes[c]++;
        }
        // Sort (size descending, first-appearance ascending) via packed long keys: no boxing.
        long[] keys = new long[k];
        for (int c = 0; c < k; c++) {
            keys[c] = ((long) (n - sizes[c]) << 32) | c;
        }
        Arrays.sort(keys);
        int[] rank = new int[k];
        for (int r = 0; r < k; r++) {
            rank[(int) keys[r]] = r;
        }
        for (int v = 0; v < n; v++) {
            membership[v] = rank[membership[v]];
        }
        return k;
    }
}
