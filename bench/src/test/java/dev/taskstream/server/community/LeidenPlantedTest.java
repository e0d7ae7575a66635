package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.bench.community.NormalizedMutualInformation;
import dev.taskstream.bench.community.PlantedPartition;
import dev.taskstream.bench.community.PlantedPartitionGenerator;
import org.junit.jupiter.api.Test;

/**
 * Leiden on generated planted-partition graphs (the generator lives in the bench module; the algorithm's other
 * tests stay in the server's LeidenTest). In the engine's package: the algorithm's API is package-private.
 */
class LeidenPlantedTest {

    private static DetectionResult leiden(CsrGraph g, long seed) {
        return new Leiden(1.0, seed, DetectionOptions.DEFAULT_MAX_ITERATIONS).run(g, DetectionMonitor.NONE);
    }

    @Test
    void recoversAPlantedPartition() {
        // 2,000 nodes in 20 groups, 20,000 edges, 20 % of each node's edges leave its group.
        PlantedPartition planted = PlantedPartitionGenerator.generate(2000, 20, 20_000, 0.2, 11);
        CsrGraph g = planted.toGraph();
        for (long seed = 1; seed <= 3; seed++) {
            DetectionResult r = leiden(g, seed);
            assertThat(NormalizedMutualInformation.of(r.membership(), planted.membership()))
                    .as("NMI, seed %s", seed).isGreaterThanOrEqualTo(0.9);
            assertThat(r.modularity()).isGreaterThanOrEqualTo(Modularity.of(g, planted.membership(), 1.0) - 0.01);
        }
    }

    @Test
    void disconnectedComponentsNeverShareACommunity() {
        // Four karate clubs, two planted blocks and a few isolated nodes, all disconnected.
        int planted = 400;
        PlantedPartition block = PlantedPartitionGenerator.generate(planted, 4, 3000, 0.2, 5);
        int n = 4 * 34 + 2 * planted + 3;
        CsrGraphBuilder b = new CsrGraphBuilder(n);
        for (int copy = 0; copy < 4; copy++) {
            TestGraphs.addKarate(b, copy * 34);
        }
        for (int copy = 0; copy < 2; copy++) {
            int offset = 4 * 34 + copy * planted;
            for (int i = 0; i < block.edgeCount(); i++) {
                b.addEdge(offset + block.sources()[i], offset + block.targets()[i]);
            }
        }
        CsrGraph g = b.build();
        int[] component = TestGraphs.components(g);
        for (long seed = 0; seed < 3; seed++) {
            int[] membership = leiden(g, seed).membership();
            assertThat(TestGraphs.isNestedIn(membership, component)).as("seed %s", seed).isTrue();
            assertThat(TestGraphs.allCommunitiesConnected(g, membership)).isTrue();
        }
    }

    @Test
    void sameSeedGivesIdenticalResult() {
        CsrGraph g = PlantedPartitionGenerator.generate(1500, 15, 12_000, 0.35, 3).toGraph();
        DetectionResult first = leiden(g, 99);
        DetectionResult second = leiden(g, 99);
        assertThat(second.membership()).isEqualTo(first.membership());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void twoThreadsGiveTheSameResultAsOne() {
        // Refinement and aggregation split large levels over two threads; the result must not
        // depend on that. Force the split even on this small graph, then forbid it.
        CsrGraph g = PlantedPartitionGenerator.generate(3000, 30, 30_000, 0.3, 4).toGraph();
        long saved = Parallel.minParallelWork;
        try {
            Parallel.minParallelWork = 0;
            DetectionResult parallel = leiden(g, 5);
            Parallel.minParallelWork = Long.MAX_VALUE;
            DetectionResult sequential = leiden(g, 5);
            assertThat(parallel).isEqualTo(sequential);
        } finally {
            Parallel.minParallelWork = saved;
        }
    }

    @Test
    void higherResolutionGivesMoreCommunities() {
        CsrGraph g = PlantedPartitionGenerator.generate(1000, 10, 8000, 0.2, 8).toGraph();
        int coarse = new Leiden(0.2, 1, 100).run(g, DetectionMonitor.NONE).communityCount();
        int fine = new Leiden(5.0, 1, 100).run(g, DetectionMonitor.NONE).communityCount();
        assertThat(fine).isGreaterThan(coarse);
    }
}
