package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskstream.bench.community.PlantedPartitionGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The detector's monitoring, iteration cap and cancellation on a generated planted-partition graph (the
 * generator lives in the bench module; the detector's other tests stay in the server's CommunityDetectorTest).
 */
class CommunityDetectorPlantedTest {

    private final CommunityDetector detector = new CommunityDetector();

    private static CsrGraph plantedGraph() {
        return PlantedPartitionGenerator.generate(2000, 20, 20_000, 0.3, 17).toGraph();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void monitorSeesEveryIterationWithNonDecreasingFractions(Algorithm algorithm) {
        List<Integer> iterations = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        DetectionResult r = detector.detect(plantedGraph(), DetectionOptions.defaults(algorithm), (iteration, fraction) -> {
            iterations.add(iteration);
            fractions.add(fraction);
        });
        assertThat(iterations).first().isEqualTo(0);
        assertThat(iterations).hasSize(r.iterations() + 1);
        assertThat(iterations).isSorted().doesNotHaveDuplicates();
        assertThat(fractions).isSorted().allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
        assertThat(fractions).first().isEqualTo(0.0);
        assertThat(fractions).last().isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void iterationCapIsRespected(Algorithm algorithm) {
        List<Integer> seen = new ArrayList<>();
        DetectionResult r = detector.detect(plantedGraph(), DetectionOptions.defaults(algorithm).withMaxIterations(1),
                (iteration, fraction) -> seen.add(iteration));
        assertThat(r.iterations()).isEqualTo(1);
        assertThat(seen).containsExactly(0, 1);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void throwingFromTheMonitorCancelsTheRun(Algorithm algorithm) {
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> detector.detect(plantedGraph(), DetectionOptions.defaults(algorithm), (iteration, fraction) -> {
            seen.add(iteration);
            if (iteration == 1) {
                throw new DetectionCancelledException("task cancelled");
            }
        })).isInstanceOf(DetectionCancelledException.class).hasMessage("task cancelled");
        assertThat(seen).containsExactly(0, 1); // no further iteration ran
    }

    @Test
    void anInterruptedThreadCancelsAtTheNextIterationBoundary() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> detector.detect(plantedGraph(), DetectionOptions.defaults(Algorithm.LEIDEN), DetectionMonitor.NONE))
                    .isInstanceOf(DetectionCancelledException.class);
        } finally {
            Thread.interrupted(); // do not leak the flag into other tests
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void reportedModularityMatchesTheMembership(Algorithm algorithm) {
        CsrGraph g = plantedGraph();
        DetectionResult r = detector.detect(g, DetectionOptions.defaults(algorithm).withResolution(0.8), DetectionMonitor.NONE);
        assertThat(r.modularity()).isEqualTo(Modularity.of(g, r.membership(), 0.8));
        assertThat(TestGraphs.distinct(r.membership())).isEqualTo(r.communityCount());
    }
}
