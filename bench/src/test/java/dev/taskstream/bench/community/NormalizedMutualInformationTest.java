package dev.taskstream.bench.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalizedMutualInformationTest {

    /** Reference straight from the definition, with a dense contingency table. */
    private static double reference(int[] a, int[] b, int ka, int kb) {
        int n = a.length;
        double[][] joint = new double[ka][kb];
        double[] pa = new double[ka];
        double[] pb = new double[kb];
        for (int i = 0; i < n; i++) {
            joint[a[i]][b[i]] += 1.0 / n;
            pa[a[i]] += 1.0 / n;
            pb[b[i]] += 1.0 / n;
        }
        double mi = 0;
        double ha = 0;
        double hb = 0;
        for (int x = 0; x < ka; x++) {
            for (int y = 0; y < kb; y++) {
                if (joint[x][y] > 0) {
                    mi += joint[x][y] * Math.log(joint[x][y] / (pa[x] * pb[y]));
                }
            }
        }
        for (double p : pa) {
            ha -= p > 0 ? p * Math.log(p) : 0;
        }
        for (double p : pb) {
            hb -= p > 0 ? p * Math.log(p) : 0;
        }
        return 2 * mi / (ha + hb);
    }

    @Test
    void identicalPartitionsUpToRenamingScoreOne() {
        assertThat(NormalizedMutualInformation.of(new int[] {0, 0, 1, 1, 2}, new int[] {7, 7, 3, 3, 0}))
                .isCloseTo(1.0, within(1e-12));
        assertThat(NormalizedMutualInformation.of(new int[0], new int[0])).isEqualTo(1.0);
        assertThat(NormalizedMutualInformation.of(new int[] {4, 4}, new int[] {1, 1})).isEqualTo(1.0);
    }

    @Test
    void matchesTheDefinitionOnRandomPartitions() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 5; trial++) {
            int n = 500;
            int[] a = new int[n];
            int[] b = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(6);
                b[i] = random.nextInt(4) < 3 ? a[i] % 4 : random.nextInt(4); // correlated with a
            }
            assertThat(NormalizedMutualInformation.of(a, b)).isCloseTo(reference(a, b, 6, 4), within(1e-9));
        }
    }

    @Test
    void independentPartitionsScoreNearZero() {
        SplittableRandom random = new SplittableRandom(9);
        int[] a = new int[20_000];
        int[] b = new int[20_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(5);
            b[i] = random.nextInt(5);
        }
        assertThat(NormalizedMutualInformation.of(a, b)).isLessThan(0.01);
        assertThat(NormalizedMutualInformation.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3})).isZero();
    }
}
