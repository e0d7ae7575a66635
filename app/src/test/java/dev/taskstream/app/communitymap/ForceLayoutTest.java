package dev.taskstream.app.communitymap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The map's layout on planted graphs: deterministic, finite, no overlaps, and linked circles closer together. */
class ForceLayoutTest {

    /**
     * {@code groups} groups of {@code size} circles of random radii (1 to 12), each group densely linked inside,
     * plus a few unlinked singletons; no link between groups.
     */
    static ForceLayout.Graph planted(int groups, int size, int singletons, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = groups * size + singletons;
        double[] radius = new double[n];
        for (int i = 0; i < n; i++) {
            radius[i] = 1 + random.nextDouble(11);
        }
        List<int[]> links = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    if (random.nextDouble() < 0.6) {
                        links.add(new int[] {g * size + i, g * size + j});
                    }
                }
            }
        }
        int[] source = links.stream().mapToInt(l -> l[0]).toArray();
        int[] target = links.stream().mapToInt(l -> l[1]).toArray();
        double[] weight = links.stream().mapToDouble(l -> 1 + random.nextDouble(20)).toArray();
        return new ForceLayout.Graph(radius, source, target, weight);
    }

    @Test
    void sameSeedSamePositions() {
        ForceLayout.Graph g = planted(5, 8, 10, 1);
        ForceLayout.Positions a = ForceLayout.layout(g, 42);
        ForceLayout.Positions b = ForceLayout.layout(g, 42);
        assertThat(a.x()).containsExactly(b.x());
        assertThat(a.y()).containsExactly(b.y());
        assertThat(ForceLayout.layout(g, 43).x()).isNotEqualTo(a.x());
    }

    @Test
    void positionsAreFiniteAndCirclesDoNotOverlap() {
        ForceLayout.Graph g = planted(20, 10, 300, 2);
        ForceLayout.Positions p = ForceLayout.layout(g, 7);
        double[] r = g.radius();
        for (int i = 0; i < g.size(); i++) {
            assertThat(Double.isFinite(p.x()[i]) && Double.isFinite(p.y()[i])).as("circle %d", i).isTrue();
            for (int j = i + 1; j < g.size(); j++) {
                double d = Math.hypot(p.x()[i] - p.x()[j], p.y()[i] - p.y()[j]);
                assertThat(d).as("circles %d and %d", i, j).isGreaterThanOrEqualTo((r[i] + r[j]) * 0.99);
            }
        }
    }

    @Test
    void linkedCirclesSitCloserThanUnlinkedOnes() {
        int groups = 6;
        int size = 12;
        ForceLayout.Graph g = planted(groups, size, 0, 3);
        ForceLayout.Positions p = ForceLayout.layout(g, 11);
        double inside = 0;
        double across = 0;
        int insideCount = 0;
        int acrossCount = 0;
        for (int i = 0; i < g.size(); i++) {
            for (int j = i + 1; j < g.size(); j++) {
                double d = Math.hypot(p.x()[i] - p.x()[j], p.y()[i] - p.y()[j]);
                if (i / size == j / size) {
                    inside += d;
                    insideCount++;
                } else {
                    across += d;
                    acrossCount++;
                }
            }
        }
        // each group is a cluster: its members are on average far closer to each other than to other groups
        assertThat(inside / insideCount).isLessThan(0.6 * across / acrossCount);
    }

    @Test
    void emptyAndSingleGraphsNeedNoWork() {
        assertThat(ForceLayout.layout(new ForceLayout.Graph(new double[0], new int[0], new int[0], new double[0]), 1)
                .x()).isEmpty();
        ForceLayout.Positions one = ForceLayout.layout(
                new ForceLayout.Graph(new double[] {3}, new int[0], new int[0], new double[0]), 1);
        assertThat(one.x()).containsExactly(0.0);
        assertThat(one.y()).containsExactly(0.0);
    }
}
