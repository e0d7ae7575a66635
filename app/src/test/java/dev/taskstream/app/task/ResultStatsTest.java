package dev.taskstream.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.app.fx.Formats;
import dev.taskstream.shared.json.Json;
import org.junit.jupiter.api.Test;

/** The card's statistics read by field name from a rebuild's and an import's result JSON. */
class ResultStatsTest {

    @Test
    void aRebuildShowsCommunitiesMembersGraphEdgesModularityAndDuration() throws Exception {
        ResultStats r = ResultStats.from("rebuild_communities", Json.mapper().readTree("""
                {"communities_count":24,"edges_count":2610,"graph_edges":22696,"modularity":0.7312,"duration_ms":1400}
                """));
        assertThat(r.stats()).extracting(ResultStats.Stat::caption)
                .containsExactly("Communities", "Members", "Linked pairs", "Modularity", "Duration");
        assertThat(r.stats()).extracting(ResultStats.Stat::text)
                .containsExactly("24", Formats.count(2610), Formats.count(22696), "0.731", "1.4 s");
        assertThat(r.communities()).isEqualTo(24);
    }

    @Test
    void anImportShowsWhatWasReadCreatedAndUpdated() throws Exception {
        ResultStats r = ResultStats.from(ResultStats.IMPORT_TASK, Json.mapper().readTree("""
                {"entities":1000,"edges":5000,"entities_created":900,"entities_updated":100,
                 "edges_created":4999,"edges_updated":1,"bytes":3145728,"duration_ms":850}
                """));
        assertThat(r.stats()).extracting(ResultStats.Stat::caption).containsExactly("Entities", "Edges",
                "Entities created", "Entities updated", "Edges created", "Edges updated", "Read", "Duration");
        assertThat(r.stats()).extracting(ResultStats.Stat::text).containsExactly(Formats.count(1000),
                Formats.count(5000), "900", "100", Formats.count(4999), "1", "3.0 MB", "850 ms");
        assertThat(r.communities()).isNull();
    }

    @Test
    void missingFieldsAreADashAndNoResultIsNull() throws Exception {
        ResultStats r = ResultStats.from("rebuild_communities", Json.mapper().readTree("{\"communities_count\":3}"));
        assertThat(r.value("GraphEdges")).isNull();
        assertThat(r.stats()).filteredOn(s -> s.key().equals("GraphEdges")).singleElement()
                .extracting(ResultStats.Stat::text).isEqualTo("–");
        assertThat(ResultStats.from("rebuild_communities", null)).isNull();
    }
}
