package dev.taskstream.app.communitymap;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Places circles of given radii so that linked circles sit close and the rest keep apart: Fruchterman–Reingold
 * with a grid (repulsion only between circles in neighbouring cells, so an iteration costs about O(n) rather than
 * O(n²) and thousands of communities lay out in well under a second), a weak pull to the centre that keeps
 * unlinked communities near the others, and a final pass that removes any remaining overlap.
 *
 * <p>Pure and deterministic: the same input and seed give the same positions. It runs off the UI thread.
 */
public final class ForceLayout {
    static final int ITERATIONS = 300;
    /** Pull towards the centre, per unit of distance; strong enough to gather unlinked circles. */
    private static final double GRAVITY = 0.03;
    /** The final gap between two circles, as a share of the mean radius. */
    private static final double GAP = 0.6;
    private static final int MAX_OVERLAP_PASSES = 200;
    private static final int MAX_GRID_SIDE = 1_024;

    /** Circles and weighted links between them (by index); all arrays of links have the same length. */
    public record Graph(double[] radius, int[] source, int[] target, double[] weight) {
        public int size() {
            return radius.length;
        }
    }

    /** Centres, indexed like the graph's circles, around (0, 0). */
    public record Positions(double[] x, double[] y) {
    }

    private ForceLayout() {
    }

    public static Positions layout(Graph g, long seed) {
        int n = g.size();
        double[] x = new double[n];
        double[] y = new double[n];
        if (n <= 1) {
            return new Positions(x, y);
        }
        double[] r = g.radius();
        double meanR = Arrays.stream(r).average().orElse(1);
        double maxR = Arrays.stream(r).max().orElse(1);
        // the ideal distance of two linked circles is k plus both radii; unlinked ones settle farther apart
        double k = 2 * meanR;
        // repulsion reaches a bit beyond the typical ideal distance, and always covers two of the largest circles
        double cutoff = Math.max(1.5 * (k + 2 * meanR), k + 2 * maxR);
        double spread = Math.sqrt(n) * (k + 2 * meanR);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            double angle = random.nextDouble(2 * Math.PI);
            double radius = spread * Math.sqrt(random.nextDouble());
            x[i] = radius * Math.cos(angle);
            y[i] = radius * Math.sin(angle);
        }
        double[] strength = linkStrength(g.weight());
        double[] dx = new double[n];
        double[] dy = new double[n];
        Grid grid = new Grid(n);
        double start = spread / 4;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Arrays.fill(dx, 0);
            Arrays.fill(dy, 0);
            grid.fill(x, y, cutoff);
            repel(grid, x, y, r, k, cutoff, dx, dy);
            attract(g, strength, x, y, r, k, dx, dy);
            double temperature = start * (1 - (double) iteration / ITERATIONS) + meanR * 0.05;
            for (int i = 0; i < n; i++) {
                dx[i] -= GRAVITY * x[i];
                dy[i] -= GRAVITY * y[i];
                double len = Math.hypot(dx[i], dy[i]);
                if (len > 0) {
                    double step = Math.min(len, temperature) / len;
                    x[i] += dx[i] * step;
                    y[i] += dy[i] * step;
                }
            }
        }
        removeOverlaps(grid, x, y, r, maxR, GAP * meanR);
        centre(x, y);
        return new Positions(x, y);
    }

    /** Heavier links pull harder, on a log scale so that one huge link does not make the others slack. */
    private static double[] linkStrength(double[] weight) {
        double max = Arrays.stream(weight).max().orElse(0);
        double[] s = new double[weight.length];
        for (int e = 0; e < weight.length; e++) {
            s[e] = max <= 0 ? 1 : 0.3 + 0.7 * Math.log1p(weight[e]) / Math.log1p(max);
        }
        return s;
    }

    private static void repel(Grid grid, double[] x, double[] y, double[] r, double k, double cutoff,
            double[] dx, double[] dy) {
        grid.forEachNearPair(x, y, (i, j) -> {
            double ex = x[i] - x[j];
            double ey = y[i] - y[j];
            double d = Math.hypot(ex, ey);
            if (d >= cutoff) {
                return;
            }
            if (d < 1e-9) { // two circles on one spot: part them the same way every run
                ex = 1e-3 * ((i % 7) - 2.5);
                ey = 1e-3 * ((j % 5) - 1.5);
                d = Math.hypot(ex, ey);
            }
            double ideal = k + r[i] + r[j];
            double f = ideal * ideal / d / d; // |force| = ideal² / d, along the unit vector
            dx[i] += ex * f;
            dy[i] += ey * f;
            dx[j] -= ex * f;
            dy[j] -= ey * f;
        });
    }

    private static void attract(Graph g, double[] strength, double[] x, double[] y, double[] r, double k,
            double[] dx, double[] dy) {
        int[] s = g.source();
        int[] t = g.target();
        for (int e = 0; e < s.length; e++) {
            int a = s[e];
            int b = t[e];
            double ex = x[a] - x[b];
            double ey = y[a] - y[b];
            double d = Math.hypot(ex, ey);
            double f = d / (k + r[a] + r[b]) * strength[e]; // |force| = d² / ideal, along the unit vector
            dx[a] -= ex * f;
            dy[a] -= ey * f;
            dx[b] += ex * f;
            dy[b] += ey * f;
        }
    }

    /** Pushes circles closer than half a gap apart, half the overlap each, until none is (or the passes run out). */
    static void removeOverlaps(Grid grid, double[] x, double[] y, double[] r, double maxR, double gap) {
        boolean[] moved = {true};
        for (int pass = 0; pass < MAX_OVERLAP_PASSES && moved[0]; pass++) {
            moved[0] = false;
            grid.fill(x, y, 2 * maxR + gap);
            grid.forEachNearPair(x, y, (i, j) -> {
                double ex = x[i] - x[j];
                double ey = y[i] - y[j];
                double d = Math.hypot(ex, ey);
                double need = r[i] + r[j] + gap;
                if (d >= need - gap / 2) { // pushed to the full gap, left alone above half of it: passes converge
                    return;
                }
                if (d < 1e-9) {
                    ex = 1;
                    ey = 0;
                    d = 1;
                }
                double push = (need - d) / 2 / d;
                x[i] += ex * push;
                y[i] += ey * push;
                x[j] -= ex * push;
                y[j] -= ey * push;
                moved[0] = true;
            });
        }
    }

    private static void centre(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        for (int i = 0; i < x.length; i++) {
            x[i] -= mx;
            y[i] -= my;
        }
    }

    /** Buckets of circles by square cell, as linked lists in two arrays (no allocation per iteration). */
    static final class Grid {
        final int[] next;
        int[] head = new int[0];
        int width;
        int height;
        private double minX;
        private double minY;
        private double cell;

        Grid(int n) {
            next = new int[n];
        }

        void fill(double[] x, double[] y, double wantedCell) {
            minX = Arrays.stream(x).min().orElse(0);
            minY = Arrays.stream(y).min().orElse(0);
            double spanX = Arrays.stream(x).max().orElse(0) - minX;
            double spanY = Arrays.stream(y).max().orElse(0) - minY;
            // a few far-flung circles must not make a huge, empty grid: then cells grow instead
            cell = Math.max(wantedCell, Math.max(spanX, spanY) / (MAX_GRID_SIDE - 1));
            width = (int) (spanX / cell) + 1;
            height = (int) (spanY / cell) + 1;
            if (head.length < width * height) {
                head = new int[width * height];
            }
            Arrays.fill(head, 0, width * height, -1);
            for (int i = 0; i < x.length; i++) {
                int c = cellY(y[i]) * width + cellX(x[i]);
                next[i] = head[c];
                head[c] = i;
            }
        }

        int cellX(double v) {
            return Math.min(width - 1, (int) ((v - minX) / cell));
        }

        int cellY(double v) {
            return Math.min(height - 1, (int) ((v - minY) / cell));
        }

        /** Each unordered pair of circles in the same or neighbouring cells, once (cells as of {@link #fill}). */
        void forEachNearPair(double[] x, double[] y, PairVisitor visitor) {
            for (int i = 0; i < x.length; i++) {
                int cx = cellX(x[i]);
                int cy = cellY(y[i]);
                for (int ny = Math.max(0, cy - 1); ny <= Math.min(height - 1, cy + 1); ny++) {
                    for (int nx = Math.max(0, cx - 1); nx <= Math.min(width - 1, cx + 1); nx++) {
                        for (int j = head[ny * width + nx]; j >= 0; j = next[j]) {
                            if (j > i) {
                                visitor.visit(i, j);
                            }
                        }
                    }
                }
            }
        }
    }

    @FunctionalInterface
    interface PairVisitor {
        void visit(int i, int j);
    }
}
