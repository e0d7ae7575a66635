package dev.taskstream.server.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.testing.ServerFixture;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.shared.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The desktop app's demo mode: the demo graph loads through an {@code import_graph} task (progress a window can
 * show), into the same graph that {@code serve --demo} loads before it listens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoImportContract {
    @RegisterExtension
    final ServerFixture app = new ServerFixture(this::kind);

    abstract TestDatabase.Kind kind();

    @Test
    void demoGraphImportsAsATaskWithProgressAndOnlyOnce() throws Exception {
        Optional<UUID> submitted = app.server().importDemoGraph();
        assertThat(submitted).isPresent();
        String id = submitted.get().toString();
        // the project exists at once, with its name, so a window can open on it while the import runs
        assertThat(app.http().get("/api/v1/projects/demo").json().get("name").asText())
                .isEqualTo(DemoGraph.PROJECT_NAME);

        await().atMost(Duration.ofSeconds(120))
                .until(() -> app.http().get("/api/v1/tasks/" + id).json().get("status").asText().equals("completed"));
        JsonNode task = app.http().get("/api/v1/tasks/" + id).json();
        assertThat(task.get("name").asText()).isEqualTo(ImportGraphHandler.NAME);
        JsonNode stats = app.http().get("/api/v1/projects/demo/graph/stats").json();
        assertThat(task.get("result").get("entities_created").asLong()).isEqualTo(stats.get("entities").asLong());
        assertThat(task.get("result").get("edges_created").asLong()).isEqualTo(stats.get("edges").asLong());

        // the same graph as the synchronous demo load: same counts from the same seed
        CountingSink expected = new CountingSink();
        DemoGraph.emit(expected);
        assertThat(stats.get("entities").asLong()).isEqualTo(expected.entities);
        assertThat(stats.get("edges").asLong()).isEqualTo(expected.edges);

        // the progress went out as the import read the body: a replay of its stream has several steps in order
        List<Integer> percents = new ArrayList<>();
        try (RawSse sse = RawSse.open(app.http().base(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
            assertThat(sse.status()).isEqualTo(200);
            for (RawSse.Block e = sse.nextEvent(); e != null; e = sse.nextEvent()) {
                if (!e.event().equals("progress")) {
                    break;
                }
                percents.add(Json.mapper().readTree(e.data()).get("progress").asInt());
            }
        }
        assertThat(percents).isSorted();
        assertThat(percents.stream().filter(p -> p > 0 && p < 100).count()).as("steps in " + percents)
                .isGreaterThan(1);

        assertThat(app.server().importDemoGraph()).as("a second call finds the graph loaded").isEmpty();
    }

    private static final class CountingSink implements GraphSink {
        long entities;
        long edges;

        @Override
        public void entity(String where, String id, String name, String type, String propertiesJson) {
            entities++;
        }

        @Override
        public void edge(String where, String source, String target, String relation, Double weight) {
            edges++;
        }
    }
}
