package dev.taskstream.bench.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.server.community.CsrGraph;
import org.junit.jupiter.api.Test;

class LfrLikeGeneratorTest {

    private static final LfrLikeGenerator.Params PARAMS = LfrLikeGenerator.Params.of(5_000, 0.3);

    @Test
    void hasTheWantedSizeMixingAndHeterogeneity() {
        PlantedPartition p = LfrLikeGenerator.generate(PARAMS, 9);
        int[] sizes = new int[p.groupCount()];
        for (int c : p.membership()) {
            sizes[c]++;
        }
        assertThat(java.util.Arrays.stream(sizes).min().orElseThrow()).isGreaterThanOrEqualTo(PARAMS.minCommunity());
        int crossing = 0;
        for (int i = 0; i < p.edgeCount(); i++) {
            assertThat(p.sources()[i]).isNotEqualTo(p.targets()[i]);
            if (p.membership()[p.sources()[i]] != p.membership()[p.targets()[i]]) {
                crossing++;
            }
        }
        // Average degree about 20; external pairs that land inside a community lower the mixing a little.
        assertThat(2.0 * p.edgeCount() / p.nodeCount()).isBetween(18.0, 21.0);
        assertThat((double) crossing / p.edgeCount()).isBetween(0.2, 0.31);
        CsrGraph g = p.toGraph();
        int maxDegree = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            maxDegree = Math.max(maxDegree, g.offsets()[v + 1] - g.offsets()[v]);
        }
        assertThat(maxDegree).as("power-law degrees have hubs").isGreaterThan(100);
    }

    @Test
    void sameSeedGivesTheSameGraph() {
        PlantedPartition a = LfrLikeGenerator.generate(PARAMS, 4);
        PlantedPartition b = LfrLikeGenerator.generate(PARAMS, 4);
        assertThat(a.sources()).isEqualTo(b.sources());
        assertThat(a.targets()).isEqualTo(b.targets());
        assertThat(a.membership()).isEqualTo(b.membership());
    }
}
