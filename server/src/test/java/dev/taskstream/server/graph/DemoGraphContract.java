package dev.taskstream.server.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.ServerFixture;
import dev.taskstream.server.testing.TestDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code serve --demo}: the demo graph loads once, and a rebuild finds its research groups. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoGraphContract {
    @RegisterExtension
    final ServerFixture app = new ServerFixture(this::kind, s -> s.withDemo(true));

    abstract TestDatabase.Kind kind();

    @Test
    void demoGraphLoadsOnceAndRebuildFindsTheGroups() {
        JsonNode project = app.http().get("/api/v1/projects/demo").json();
        assertThat(project.get("name").asText()).isEqualTo("Demo knowledge graph");
        JsonNode stats = app.http().get("/api/v1/projects/demo/graph/stats").json();
        // big enough that a rebuild takes a few seconds (the progress bar can be watched); how long the start takes
        // is measured by installer/first-frame.sh, not asserted here
        assertThat(stats.get("entities").asLong()).isBetween(15_000L, 30_000L);
        assertThat(stats.get("edges").asLong()).isBetween(150_000L, 300_000L);

        // A second start on the same database does not load it again (nor fail).
        app.restart();
        assertThat(app.http().get("/api/v1/projects/demo/graph/stats").json()).isEqualTo(stats);

        Http.Answer accepted = app.http().post("/api/v1/projects/demo/communities/rebuild", "");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("task_id").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> app.http().get("/api/v1/tasks/" + id).json().get("status").asText().equals("completed"));
        JsonNode result = app.http().get("/api/v1/tasks/" + id).json().get("result");
        assertThat(result.get("modularity").asDouble()).isGreaterThan(0.3);
        assertThat(result.get("nodes").asLong()).isEqualTo(stats.get("entities").asLong());
        JsonNode groups = app.http().get("/api/v1/projects/demo/communities?min_members=20&limit=100").json();
        assertThat(groups.get("total").asInt()).isBetween(20, 40);
        // a long tail: the largest community is many times the size of the smallest
        int smallest = groups.get("items").get(groups.get("items").size() - 1).get("member_count").asInt();
        assertThat(groups.get("items").get(0).get("member_count").asInt()).isGreaterThan(10 * smallest);
        JsonNode largest = groups.get("items").get(0);
        assertThat(largest.get("description").asText()).contains("person").contains("KNOWS");
        Set<String> names = new HashSet<>();
        groups.get("items").forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).hasSize(groups.get("items").size());
        // named by what the members share: the research group's field, with the size
        groups.get("items").forEach(c -> assertThat(c.get("name").asText())
                .as("a community named by its research group")
                .matches(n -> java.util.Arrays.stream(DemoGraph.GROUPS).anyMatch(g -> n.startsWith(g + " ("))
                        && n.endsWith("(" + c.get("member_count").asInt() + ")")));
    }
}
