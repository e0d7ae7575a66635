package dev.taskstream.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.shared.json.Json;
import org.junit.jupiter.api.Test;

class ResultSummaryTest {
    @Test
    void aRebuildReadsAsCommunitiesModularityAndDuration() throws Exception {
        var result = Json.mapper().readTree("{\"communities_count\":24,\"edges_count\":11987,\"nodes\":11987,"
                + "\"modularity\":0.86129,\"algorithm\":\"leiden\",\"iterations\":4,\"duration_ms\":2512}");
        assertThat(ResultSummary.of(result)).isEqualTo("24 communities · modularity 0.861 · 2.5 s");
        assertThat(ResultSummary.of(Json.mapper().readTree("{\"communities_count\":1,\"modularity\":0,"
                + "\"duration_ms\":40}"))).isEqualTo("1 community · modularity 0.000 · 40 ms");
    }

    @Test
    void anImportReadsAsEntitiesAndEdges() throws Exception {
        var result = Json.mapper().readTree("{\"project_id\":\"p\",\"entities\":1200,\"edges\":11987,"
                + "\"entities_created\":1200,\"duration_ms\":125000}");
        assertThat(ResultSummary.of(result)).isEqualTo("1,200 entities · 11,987 edges · 2 min 5 s");
    }

    @Test
    void otherResultsShowTheirPlainFields() throws Exception {
        assertThat(ResultSummary.of(Json.mapper().readTree("{\"steps\":5,\"nested\":{\"x\":1}}"))).isEqualTo("steps 5");
        assertThat(ResultSummary.of(null)).isEmpty();
    }
}
