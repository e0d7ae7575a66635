package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CommunityDetectorTest {

    private final CommunityDetector detector = new CommunityDetector();

    @Test
    void algorithmsParseFromWireNames() {
        assertThat(Algorithm.fromWireName("leiden")).isEqualTo(Algorithm.LEIDEN);
        assertThat(Algorithm.fromWireName(" Label_Propagation ")).isEqualTo(Algorithm.LABEL_PROPAGATION);
        assertThat(Algorithm.LABEL_PROPAGATION.wireName()).isEqualTo("label_propagation");
        assertThat(DetectionOptions.of("leiden", 1.0, 1, 10).algorithm()).isEqualTo(Algorithm.LEIDEN);
    }

    @Test
    void badOptionsAreRejectedWithActionableMessages() {
        assertThatThrownBy(() -> Algorithm.fromWireName("louvain"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'louvain'")
                .hasMessageContaining("leiden, label_propagation");
        assertThatThrownBy(() -> Algorithm.fromWireName(null)).isInstanceOf(IllegalArgumentException.class);
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new DetectionOptions(Algorithm.LEIDEN, bad, 1, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("resolution must be a finite number > 0");
        }
        assertThatThrownBy(() -> new DetectionOptions(Algorithm.LEIDEN, 1.0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxIterations must be >= 1, got 0");
        assertThatThrownBy(() -> new DetectionOptions(null, 1.0, 1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed: leiden, label_propagation");
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void emptyAndEdgelessGraphsGiveSingletonCommunities(Algorithm algorithm) {
        DetectionOptions options = DetectionOptions.defaults(algorithm);
        DetectionResult empty = detector.detect(CsrGraph.isolatedNodes(0), options, DetectionMonitor.NONE);
        assertThat(empty.membership()).isEmpty();
        assertThat(empty.communityCount()).isZero();
        assertThat(empty.modularity()).isZero();

        DetectionResult edgeless = detector.detect(CsrGraph.isolatedNodes(5), options, DetectionMonitor.NONE);
        assertThat(edgeless.membership()).containsExactly(0, 1, 2, 3, 4);
        assertThat(edgeless.communityCount()).isEqualTo(5);
        assertThat(edgeless.modularity()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void communitiesAreNumberedBySizeDescendingThenSmallestMember(Algorithm algorithm) {
        // A graph with components of sizes 1, 3, 2, 3, 1 (in node order): the expected numbering
        // is computed from the sizes and smallest members, not hard-coded.
        CsrGraph g = new CsrGraphBuilder(10)
                .addEdge(1, 2).addEdge(2, 3).addEdge(1, 3)      // {1,2,3}
                .addEdge(4, 5)                                  // {4,5}
                .addEdge(6, 7).addEdge(7, 8).addEdge(6, 8)      // {6,7,8}
                .build();                                        // 0 and 9 isolated
        DetectionResult r = detector.detect(g, DetectionOptions.defaults(algorithm), DetectionMonitor.NONE);
        int[] m = r.membership();
        int[] sizes = r.communitySizes();
        int[] smallestMember = new int[r.communityCount()];
        java.util.Arrays.fill(smallestMember, Integer.MAX_VALUE);
        for (int v = 0; v < m.length; v++) {
            smallestMember[m[v]] = Math.min(smallestMember[m[v]], v);
        }
        for (int c = 1; c < r.communityCount(); c++) {
            assertThat(sizes[c]).isLessThanOrEqualTo(sizes[c - 1]);
            if (sizes[c] == sizes[c - 1]) {
                assertThat(smallestMember[c]).isGreaterThan(smallestMember[c - 1]);
            }
        }
        assertThat(r.communityCount()).isEqualTo(5);
        assertThat(m[1]).isEqualTo(0); // size 3, smallest member 1
        assertThat(m[6]).isEqualTo(1); // size 3, smallest member 6
    }

    @Test
    void resultIsImmutable() {
        DetectionResult r = new DetectionResult(new int[] {0, 0, 1}, 2, 0.1, 1);
        r.membership()[0] = 7;
        assertThat(r.communityOf(0)).isZero();
        assertThat(r.communitySizes()).containsExactly(2, 1);
    }
}
