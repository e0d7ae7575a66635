package dev.taskstream.server.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.Imports;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An import's upload over its whole life: refused before it is sent when the project is busy, removed whatever
 * way its task ends (completed, failed, cancelled while pending or while running), never run twice (no retry),
 * and results that count every item once. H2 and Postgres (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportUploadContract {
    private TestDatabase db;
    private TaskstreamServer server;
    private Http http;
    private final List<String> holds = new ArrayList<>();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        db = TestDatabase.create(kind());
        server = TestServer.start(db, s -> s.withWorkers(1));
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stop() {
        TestServer.stop(server, db);
    }

    @AfterEach
    void releaseWorker() {
        holds.forEach(id -> http.post("/api/v1/tasks/" + id + "/cancel", ""));
        holds.forEach(id -> Imports.awaitEnd(http, id));
        holds.clear();
    }

    /** The one worker busy with a test_hold task of another project: imports stay pending. */
    void holdWorker() {
        Http.Answer a = http.post("/api/v1/tasks", "{\"name\":\"test_hold\",\"project_id\":\"holder\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("task_id").asText();
        holds.add(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/tasks/" + id).json()
                .get("status").asText().equals("processing"));
    }

    void awaitNoUploads() {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.uploads().count() == 0);
    }

    @Test
    void aBusyProjectIsRefusedBeforeTheBodyIsSent() throws Exception {
        holdWorker();
        String pending = Imports.start(http, "busy", "text/csv", ImportTaskContract.csv(10, 20, 1));
        URI base = URI.create(server.baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            // Headers only, announcing 64 MiB and asking whether to send them: the answer must come first.
            out.write(("POST /api/v1/projects/busy/graph HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 67108864\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertThat(status).as("no 100 Continue: the refusal is known from the headers").startsWith("HTTP/1.1 409");
        }
        http.post("/api/v1/tasks/" + pending + "/cancel", "");
        assertThat(Imports.awaitEnd(http, pending).get("status").asText()).isEqualTo("cancelled");
        awaitNoUploads();
    }

    @Test
    void aPendingImportCancelledLeavesNoUpload() {
        holdWorker();
        String id = Imports.start(http, "pending", "text/csv", ImportTaskContract.csv(100, 500, 2));
        assertThat(server.uploads().count()).isEqualTo(1);
        http.post("/api/v1/tasks/" + id + "/cancel", "");
        assertThat(Imports.awaitEnd(http, id).get("status").asText()).isEqualTo("cancelled");
        awaitNoUploads();
        assertThat(http.get("/api/v1/projects/pending").status()).isEqualTo(404);
    }

    @Test
    void aRunningImportCancelledLeavesNoUploadAndNoRows() {
        String id = Imports.start(http, "running", "text/csv", ImportTaskContract.csv(20_000, 300_000, 3));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            JsonNode t = http.get("/api/v1/tasks/" + id).json();
            return !t.get("status").asText().equals("pending");
        });
        http.post("/api/v1/tasks/" + id + "/cancel", "");
        JsonNode ended = Imports.awaitEnd(http, id);
        awaitNoUploads();
        if (ended.get("status").asText().equals("cancelled")) {
            assertThat(http.get("/api/v1/projects/running/graph/stats").status()).isEqualTo(404);
        } else { // it finished before the cancel reached it: still nothing left behind
            assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("completed");
        }
    }

    @Test
    void completedAndFailedImportsLeaveNoUploadAndAFailedOneCannotBeRetried() {
        JsonNode done = Imports.run(http, "ends", "text/csv", ImportTaskContract.csv(10, 20, 4));
        assertThat(done.get("status").asText()).isEqualTo("completed");
        JsonNode failed = Imports.run(http, "ends", "text/csv", "kind,id,name,source,target,relation\n"
                + "edge,,,e1,nobody,KNOWS\n");
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("line 2").contains("'e1'");
        awaitNoUploads();

        Http.Answer retry = http.post("/api/v1/tasks/" + failed.get("id").asText() + "/retry", "");
        assertThat(retry.status()).as(retry.body()).isEqualTo(409);
        assertThat(retry.json().get("detail").asText()).contains("post the file").contains("/graph");
    }

    @Test
    void everyItemIsCountedOnceAsCreatedUpdatedOrDuplicate() {
        StringBuilder csv = new StringBuilder("kind,id,name,source,target,relation,weight\n"
                + "entity,a,A,,,,\nentity,b,B,,,,\nentity,a,A again,,,,\n");
        for (int i = 0; i < 1_000; i++) {
            csv.append("edge,,,a,b,KNOWS,").append(1 + i % 3).append('\n');
        }
        JsonNode fresh = Imports.run(http, "dups", "text/csv", csv.toString()).get("result");
        assertThat(fresh.get("entities_created").asLong()).isEqualTo(2);
        assertThat(fresh.get("entities_updated").asLong()).isZero();
        assertThat(fresh.get("entities_duplicates").asLong()).isEqualTo(1);
        assertThat(fresh.get("edges_created").asLong()).isEqualTo(1);
        assertThat(fresh.get("edges_updated").asLong()).as("nothing was there to update").isZero();
        assertThat(fresh.get("edges_duplicates").asLong()).isEqualTo(999);
        JsonNode names = http.get("/api/v1/projects/dups/graph/stats").json();
        assertThat(names.get("entities").asLong()).isEqualTo(2);

        JsonNode again = Imports.run(http, "dups", "text/csv", csv.toString()).get("result");
        assertThat(again.get("entities_created").asLong()).isZero();
        assertThat(again.get("entities_updated").asLong()).isEqualTo(2);
        assertThat(again.get("entities_duplicates").asLong()).isEqualTo(1);
        assertThat(again.get("edges_created").asLong()).isZero();
        assertThat(again.get("edges_updated").asLong()).isEqualTo(1);
        assertThat(again.get("edges_duplicates").asLong()).isEqualTo(999);
    }
}
