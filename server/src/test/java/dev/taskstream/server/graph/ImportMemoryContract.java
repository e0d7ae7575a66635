package dev.taskstream.server.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.testing.GeneratedBody;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.ServerProcess;
import dev.taskstream.server.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded by design, not by the shape of the file: a server with a 384 MiB heap imports, or refuses by
 * name, files whose shape used to grow the heap with the file (edges before their entities, a huge properties
 * object, a line of millions of fields). The bodies are generated while they are sent. H2 and Postgres.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportMemoryContract {
    private static final int ENTITIES = 100_000;

    @TempDir
    static Path dir;

    private TestDatabase db;
    private ServerProcess server;
    private Http http;

    abstract TestDatabase.Kind kind();

    /**
     * Edges listed before their entities: 3,000,000 (an 80 MB file, the size that ran a 512 MiB server out of memory)
     * where the database is Postgres; H2, the one-process local mode, writes about 4x slower and runs the same shape
     * with 1,000,000 to keep the suite's time (its reading and checking are the same code).
     */
    abstract int edgesBeforeEntities();

    @BeforeAll
    void start() throws Exception {
        db = kind() == TestDatabase.Kind.H2 ? TestDatabase.h2File(dir) : TestDatabase.create(kind());
        server = ServerProcess.start(db, 10_000, 1, "384m", dir);
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        db.close();
    }

    JsonNode importAndWait(String project, String contentType, LongFunction<String> lines) {
        Http.Answer a = http.send(HttpRequest.newBuilder(http.uri("/api/v1/projects/" + project + "/graph"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedBody(lines))));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("task_id").asText();
        JsonNode[] task = new JsonNode[1];
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            task[0] = http.get("/api/v1/tasks/" + id).json();
            return Set.of("completed", "failed", "cancelled").contains(task[0].get("status").asText());
        });
        return task[0];
    }

    @Test
    void millionsOfEdgesBeforeTheirEntitiesImport() {
        int edges = edgesBeforeEntities();
        // Edge i joins n(i % E) to the entity 1..30 places on: distinct pairs, every end an entity listed later.
        JsonNode task = importAndWait("edges-first", "text/csv", i -> {
            if (i == 0) {
                return "kind,id,name,source,target,relation\n";
            }
            long k = i - 1;
            if (k < edges) {
                long source = k % ENTITIES;
                return "edge,,,n" + source + ",n" + (source + 1 + k / ENTITIES) % ENTITIES + ",R\n";
            }
            k -= edges;
            return k < ENTITIES ? "entity,n" + k + ",N" + k + ",,,\n" : null;
        });
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
        assertThat(task.get("result").get("edges_created").asLong()).isEqualTo(edges);
        assertThat(task.get("result").get("entities_created").asLong()).isEqualTo(ENTITIES);
    }

    @Test
    void aHugePropertiesObjectIsRefusedByName() {
        int keys = 2_000_000; // about 30 MB inside one entity's properties
        JsonNode task = importAndWait("huge-properties", "application/json", i -> {
            if (i == 0) {
                return "{\"entities\":[{\"id\":\"a\",\"name\":\"A\",\"properties\":{\"k0\":\"v\"";
            }
            return i < keys ? ",\"k" + i + "\":\"v\"" : i == keys ? "}}]}" : null;
        });
        assertThat(task.get("status").asText()).isEqualTo("failed");
        assertThat(task.get("error").asText()).contains("entities[0]").contains("properties is longer than 65536");
    }

    @Test
    void aLineOfMillionsOfFieldsIsRefusedByName() {
        int fields = 5_000_000; // about 10 MB on line 2
        JsonNode task = importAndWait("wide-line", "text/csv", i -> {
            if (i == 0) {
                return "kind,id,name\nentity,a,A";
            }
            return i < fields ? ",x" : i == fields ? "\n" : null;
        });
        assertThat(task.get("status").asText()).isEqualTo("failed");
        assertThat(task.get("error").asText()).contains("line 2").contains("more than 3 fields");
    }
}
