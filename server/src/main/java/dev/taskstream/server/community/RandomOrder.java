package dev.taskstream.server.community;

import java.util.SplittableRandom;

/** Seeded random permutations for node-visit orders. */
final class RandomOrder {

    private RandomOrder() {
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    /**
     * A seeded random order with memory locality: the ids are cut into blocks of {@code blockSize}
     * consecutive ids, the blocks are visited in random order and the ids inside each block in
     * random order. When related nodes have nearby ids (as after {@link LocalityOrder}), the
     * nodes visited one after the other then touch the same region of the arrays, instead of a
     * cache miss per node and neighbour with a fully random permutation.
     */
    static int[] blockPermutation(int n, int blockSize, SplittableRandom random) {
        int blocks = (n + blockSize - 1) / blockSize;
        int[] blockOrder = permutation(blocks, random);
        int[] order = new int[n];
        int pos = 0;
        for (int b : blockOrder) {
            int start = pos;
            for (int v = b * blockSize, end = Math.min(n, v + blockSize); v < end; v++) {
                order[pos++] = v;
            }
            for (int i = pos - 1; i > start; i--) {
                int j = start + random.nextInt(i - start + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Fisher–Yates shuffle in place. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
