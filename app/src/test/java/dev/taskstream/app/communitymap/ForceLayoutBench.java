package dev.taskstream.app.communitymap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@code bench}: how long the map's layout takes for 100 to 5,000 communities (groups of 10 densely linked, plus a
 * third unlinked), median of 5 runs after a warm-up, wall and CPU time (the CPU time
 * says more on a busy machine). Not a test: timings are not asserted anywhere.
 *
 * <p>Run: {@code java -cp app/target/classes:app/target/test-classes dev.taskstream.app.communitymap.ForceLayoutBench}
 */
public final class ForceLayoutBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ForceLayoutBench() {
    }

    public static void main(String[] args) {
        ForceLayout.layout(ForceLayoutTest.planted(50, 10, 200, 1), 1); // warm-up
        for (int n : new int[] {100, 500, 2_000, 5_000}) {
            int groups = n * 2 / 3 / 10;
            ForceLayout.Graph g = ForceLayoutTest.planted(groups, 10, n - groups * 10, n);
            long[] ms = new long[5];
            long[] cpu = new long[5];
            for (int run = 0; run < ms.length; run++) {
                long start = System.nanoTime();
                long startCpu = THREADS.getCurrentThreadCpuTime();
                ForceLayout.layout(g, run);
                ms[run] = (System.nanoTime() - start) / 1_000_000;
                cpu[run] = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1_000_000;
            }
            Arrays.sort(ms);
            Arrays.sort(cpu);
            System.out.printf("%,6d communities, %,6d links: median %,5d ms wall (min %,d, max %,d), %,5d ms CPU%n",
                    g.size(), g.source().length, ms[2], ms[0], ms[4], cpu[2]);
        }
    }
}
