package dev.taskstream.server.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.Imports;
import dev.taskstream.server.testing.ServerProcess;
import dev.taskstream.server.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes are one service for imports: two server processes on one Postgres database, each with its
 * own data directory (as on two hosts), the receiving one API-only ({@code --workers 0}). Every import posted
 * to it runs on the other; one whose receiver is killed right after its 202 still runs; no upload is left
 * behind, in the database or on either disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportAcrossNodesPostgresTest {
    @TempDir
    static Path dirs;

    private TestDatabase db;
    private ServerProcess apiOnly;
    private ServerProcess worker;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES);
        worker = ServerProcess.start(db, 10_000, 2, "384m", Files.createDirectories(dirs.resolve("worker")));
        apiOnly = ServerProcess.start(db, 10_000, 0, "384m", Files.createDirectories(dirs.resolve("api")));
    }

    @AfterAll
    void stop() throws Exception {
        if (apiOnly != null) {
            apiOnly.close();
        }
        if (worker != null) {
            worker.close();
        }
        db.close();
    }

    @Test
    void importsPostedToAnApiOnlyNodeRunOnTheOtherAndSurviveTheReceiversDeath() throws Exception {
        Http api = new Http(apiOnly.baseUrl());
        Http work = new Http(worker.baseUrl());
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(Imports.start(api, "node" + i, "text/csv", ImportTaskContract.csv(200, 1_000, i)));
        }
        for (String id : tasks) {
            JsonNode done = Imports.awaitEnd(api, id);
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(done.get("worker_id").asText()).startsWith(worker.nodeId());
            assertThat(done.get("result").get("edges").asLong()).isEqualTo(1_000);
        }

        // The receiver dies (SIGKILL) right after its 202: the body is already where the other node reads it.
        String orphan = Imports.start(api, "orphan", "text/csv", ImportTaskContract.csv(500, 5_000, 99));
        apiOnly.kill();
        JsonNode done = Imports.awaitEnd(work, orphan);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(work.get("/api/v1/projects/orphan/graph/stats").json().get("edges").asLong()).isEqualTo(5_000);

        await().atMost(Duration.ofSeconds(30)).until(() -> storedUploads() == 0);
        try (Stream<Path> files = Files.walk(dirs)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> f.toString().contains("upload")).toList())
                    .as("no upload on either node's disk").isEmpty();
        }
    }

    private long storedUploads() throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM import_uploads")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
