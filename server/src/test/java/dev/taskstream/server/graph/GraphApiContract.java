package dev.taskstream.server.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.cli.Main;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.Imports;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Graph import (JSON, CSV, CLI) and stats over real HTTP; runs on H2 and on Postgres (see the subclasses). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GraphApiContract {
    static final String SMALL = """
            {"entities": [
               {"id": "e1", "name": "Ada Lovelace", "type": "person", "properties": {"born": 1815}},
               {"id": "e2", "name": "Charles Babbage", "type": "person"},
               {"id": "e3", "name": "Analytical Engine", "type": "machine"}],
             "edges": [
               {"source": "e1", "target": "e2", "relation": "KNOWS", "weight": 2.5},
               {"source": "e2", "target": "e3", "relation": "DESIGNED"}]}
            """;

    private TestDatabase db;
    private TaskstreamServer server;
    private Http http;

    @TempDir
    Path tmp;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        db = TestDatabase.create(kind());
        server = TestServer.start(db, s -> s.withWorkers(1).withMaxBodyBytes(64 * 1024));
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stop() {
        TestServer.stop(server, db);
    }

    Http.Answer post(String path, String contentType, String body) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    JsonNode stats(String project) {
        Http.Answer a = http.get("/api/v1/projects/" + project + "/graph/stats");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    static void assertError(Http.Answer a, int status, String... detailFragments) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode json = a.json();
        assertThat(json.get("error").asText()).isNotBlank();
        for (String fragment : detailFragments) {
            assertThat(json.get("detail").asText()).contains(fragment);
        }
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Imports and waits for the task; asserts it completed and returns its result. */
    JsonNode imported(String project, String contentType, String body) {
        JsonNode task = Imports.run(http, project, contentType, body);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
        assertThat(task.get("name").asText()).isEqualTo("import_graph");
        return task.get("result");
    }

    @Test
    void jsonImportCreatesProjectAndCountsThenMergesOnReimport() {
        JsonNode r = imported("json1", "application/json", SMALL);
        assertThat(r.get("entities_created").asLong()).isEqualTo(3);
        assertThat(r.get("edges_created").asLong()).isEqualTo(2);
        assertThat(r.get("bytes").asLong()).isEqualTo(SMALL.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(r.has("duration_ms")).isTrue();
        assertThat(http.get("/api/v1/projects/json1").status()).isEqualTo(200);
        JsonNode s = stats("json1");
        assertThat(s.get("entities").asLong()).isEqualTo(3);
        assertThat(s.get("edges").asLong()).isEqualTo(2);
        assertThat(s.get("communities").asLong()).isZero();

        // The same file again: everything is an update, nothing is added.
        JsonNode again = imported("json1", "application/json", SMALL);
        assertThat(again.get("entities_updated").asLong()).isEqualTo(3);
        assertThat(again.get("edges_updated").asLong()).isEqualTo(2);
        assertThat(again.get("edges_created").asLong()).isZero();
        assertThat(stats("json1").get("edges").asLong()).isEqualTo(2);

        // An edge to an entity imported earlier is fine; an entity id merges (renamed); in one import the last
        // of an id or edge wins.
        JsonNode more = imported("json1", "application/json", """
                {"edges": [{"source": "e4", "target": "e1", "relation": "ADMIRES"},
                           {"source": "e4", "target": "e1", "relation": "ADMIRES", "weight": 7}],
                 "entities": [{"id": "e4", "name": "Mary Somerville"}, {"id": "e3", "name": "The Engine"}]}""");
        assertThat(more.get("entities_created").asLong()).isEqualTo(1);
        assertThat(more.get("entities_updated").asLong()).isEqualTo(1);
        assertThat(more.get("edges_created").asLong()).isEqualTo(1);
        assertThat(stats("json1").get("entities").asLong()).isEqualTo(4);
        assertThat(stats("json1").get("edges").asLong()).isEqualTo(3);
    }

    @Test
    void csvImportWithKindColumn() {
        String csv = """
                kind,id,name,type,properties,source,target,relation,weight
                entity,a,"Lovelace, Ada",person,"{""born"":1815}",,,,
                entity,b,"Charles\tBabbage \\ \n""the engine"" ",person,,,,,
                edge,,,,,a,b,KNOWS,
                edge,,,,,b,a,CORRESPONDS_WITH,3
                """;
        JsonNode a = imported("csv1", "text/csv; charset=utf-8", csv);
        assertThat(a.get("entities").asLong()).isEqualTo(2);
        assertThat(a.get("edges").asLong()).isEqualTo(2);
        JsonNode s = stats("csv1");
        assertThat(s.get("entities").asLong()).isEqualTo(2);
        assertThat(s.get("edges").asLong()).isEqualTo(2);
    }

    @Test
    void invalidImportsAreRejectedWholeWithTheItemNamed() {
        imported("bad", "application/json", SMALL);
        JsonNode before = stats("bad");
        String entities = "{\"id\":\"n1\",\"name\":\"New One\"},{\"id\":\"n2\",\"name\":\"New Two\"}";
        record Case(String contentType, String body, int status, String[] fragments) {
        }
        List<Case> cases = new ArrayList<>(List.of(
                new Case("application/json", "{\"entities\":[" + entities + "],\"edges\":[{\"source\":\"n1\","
                        + "\"target\":\"e1\",\"relation\":\"KNOWS\"},{\"source\":\"n1\",\"target\":\"e99\","
                        + "\"relation\":\"KNOWS\"}]}", 400,
                        new String[] {"edges[1]", "target 'e99' is not an entity of project bad"}),
                new Case("application/json", "{\"entities\":[" + entities + "],\"edges\":[{\"source\":\"n1\","
                        + "\"target\":\"n1\",\"relation\":\"KNOWS\"}]}", 400, new String[] {"edges[0]", "self-loop"}),
                new Case("application/json", "{\"entities\":[" + entities + "],\"edges\":[{\"source\":\"n1\","
                        + "\"target\":\"n2\",\"relation\":\"KNOWS\",\"weight\":-1}]}", 400,
                        new String[] {"edges[0]", "weight must be a finite number greater than 0"}),
                new Case("application/json", "{\"entities\":[" + entities + "],\"edges\":[{\"source\":\"n1\","
                        + "\"target\":\"n2\",\"relation\":\"KNOWS\",\"weight\":NaN}]}", 400,
                        new String[] {"edges[0]", "got NaN"}),
                new Case("application/json", "{\"entities\":[" + entities + "],\"edges\":[{\"source\":\"n1\","
                        + "\"target\":\"n2\",\"relation\":\"KNOWS\",\"weight\":0}]}", 400, new String[] {"edges[0]"}),
                new Case("application/json", "{\"entities\":[" + entities + "],\"edges\":[{\"source\":\"n1\","
                        + "\"target\":\"n2\",\"weight\":1}]}", 400, new String[] {"edges[0]", "relation is required"}),
                new Case("application/json", "{\"entities\":[" + entities + ",{\"id\":\"n3\",\"name\":\"x\","
                        + "\"colour\":\"red\"}]}", 400, new String[] {"entities[2]", "unknown field 'colour'"}),
                new Case("application/json", "{\"entities\":[" + entities + ",{\"id\":\"n3\"}]}", 400,
                        new String[] {"entities[2]", "name is required"}),
                new Case("application/json", "{\"entities\":[" + entities + ",{\"id\":\"" + "x".repeat(201)
                        + "\",\"name\":\"long\"}]}", 400, new String[] {"entities[2]", "200"}),
                new Case("application/json", "{\"entities\":[" + entities + ",{\"id\":\"n3\",\"name\":\""
                        + "y".repeat(501) + "\"}]}", 400, new String[] {"entities[2]", "500"}),
                new Case("application/json", "{\"entities\":[" + entities + ",{\"id\":7,\"name\":\"x\"}]}", 400,
                        new String[] {"entities[2]", "id must be a string"}),
                new Case("application/json", "{\"entities\":[" + entities + "], \"nodes\": []}", 400,
                        new String[] {"unknown field 'nodes'"}),
                new Case("application/json", "{\"entities\":[" + entities + ",{\"id\":\"n3\"", 400,
                        new String[] {"malformed JSON", "entities[2]"}),
                new Case("application/json", "[1,2]", 400, new String[] {"JSON object"}),
                new Case("text/csv", "kind,id,name,source,target,relation,weight\nentity,n1,New,,,,\n"
                        + "edge,,,n1,e99,KNOWS,1\n", 400, new String[] {"line 3", "'e99' is not an entity"}),
                new Case("text/csv", "kind,id,name,source,target,relation,weight\nentity,n1,New,,,,\n"
                        + "edge,,,n1,e1,KNOWS,NaN\n", 400, new String[] {"line 3", "weight"}),
                new Case("text/csv", "kind,id,name,colour\nentity,n1,New,red\n", 400,
                        new String[] {"line 1", "unknown column 'colour'"}),
                new Case("text/csv", "kind,id,name\nentity,n1,New\nnode,n2,Other\n", 400,
                        new String[] {"line 3", "kind must be"}),
                new Case("text/csv", "kind,id,name\nentity,n1,\"unclosed\n", 400, new String[] {"CSV"}),
                new Case("text/csv", "kind,id,name\nentity,n1,New,extra\n", 400, new String[] {"line 2", "fields"}),
                new Case("application/json", "{\"entities\":[" + entities + ",{\"id\":\"n3\",\"name\":\"a\\u0000b\"}]}",
                        400, new String[] {"entities[2]", "name", "U+0000"}),
                new Case("application/json", "{\"entities\":[" + entities + ",{\"id\":\"n\\ud800\",\"name\":\"x\"}]}",
                        400, new String[] {"entities[2]", "id", "unpaired surrogate"}),
                new Case("application/json", "{\"entities\":[" + entities + "],\"edges\":[{\"source\":\"n1\","
                        + "\"target\":\"n2\",\"relation\":\"R\\udc00\"}]}", 400,
                        new String[] {"edges[0]", "relation", "unpaired surrogate"}),
                new Case("application/json", "{\"entities\":[" + entities + "],\"edges\":[{\"source\":\"n1\","
                        + "\"target\":\"n2\",\"relation\":\"R\",\"weight\":1.7e308}]}", 400,
                        new String[] {"edges[0]", "at most 1e12"}),
                new Case("text/csv", "kind,id,name\nentity,n1,Nul\u0000Name\n", 400,
                        new String[] {"line 2", "U+0000"}),
                new Case("application/xml", "<graph/>", 415, new String[] {"application/json or text/csv"}),
                new Case("application/json", "{\"entities\":[" + ("{\"id\":\"big\",\"name\":\"" + "z".repeat(400)
                        + "\"},").repeat(200) + entities + "]}", 413, new String[] {"limit"})));
        for (Case c : cases) {
            if (c.status() == 400) {
                // Known only while reading: the import task fails, naming the item.
                JsonNode task = Imports.run(http, "bad", c.contentType(), c.body());
                assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("failed");
                for (String fragment : c.fragments()) {
                    assertThat(task.get("error").asText()).contains(fragment);
                }
                assertThat(task.get("error").asText()).doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(stats("bad")).as("database unchanged after " + task).isEqualTo(before);
                continue;
            }
            Http.Answer a = post("/api/v1/projects/bad/graph", c.contentType(), c.body());
            assertError(a, c.status(), c.fragments());
            assertThat(stats("bad")).as("database unchanged after " + a.body()).isEqualTo(before);
        }
        // Without Content-Length (chunked) the limit is enforced while streaming.
        String big = "{\"entities\":[" + ("{\"id\":\"big\",\"name\":\"" + "z".repeat(400) + "\"},").repeat(200)
                + entities + "]}";
        Http.Answer chunked = http.send(HttpRequest.newBuilder(http.uri("/api/v1/projects/bad/graph"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofString(big))));
        assertError(chunked, 413, "limit");
        assertThat(chunked.json().path("code").asText()).isEqualTo("payload_too_large");
        assertThat(chunked.json().path("max_bytes").isIntegralNumber()).as(chunked.body()).isTrue();
        assertThat(stats("bad")).isEqualTo(before);
        // A rejected import into a new project does not create the project either.
        JsonNode ghost = Imports.run(http, "ghost", "application/json", "{\"edges\":[{\"source\":\"a\","
                + "\"target\":\"b\",\"relation\":\"R\"}]}");
        assertThat(ghost.get("error").asText()).contains("edges[0]").contains("source 'a'");
        assertThat(http.get("/api/v1/projects/ghost").status()).isEqualTo(404);
    }

    @Test
    void statsAndImportCheckTheProjectId() {
        assertError(http.get("/api/v1/projects/nope/graph/stats"), 404, "nope");
        assertError(http.get("/api/v1/projects/bad%20id/graph/stats"), 400, "malformed project id");
        assertError(post("/api/v1/projects/bad%20id/graph", "application/json", SMALL), 400, "malformed project id");
        assertError(http.get("/api/v1/projects/nope/graph/stats?x=1"), 400, "unknown query parameter");
    }

    @Test
    void importCommandWritesToTheDatabaseAndRejectsBadFilesWhole() throws Exception {
        Path good = tmp.resolve("graph.json");
        Files.writeString(good, SMALL);
        Result ok = cli("import", "--project", "cli1", good.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Imported into project cli1: 3 entities (3 new, 0 updated, 0 duplicates), 2 edges (2 new");
        assertThat(stats("cli1").get("edges").asLong()).isEqualTo(2);

        Path csv = tmp.resolve("graph.txt");
        Files.writeString(csv, "kind,id,name,source,target,relation\nentity,x,X,,,\nedge,,,x,e1,LIKES\n");
        Result csvOk = cli("import", "--project", "cli1", "--format", "csv", csv.toString());
        assertThat(csvOk.code()).as(csvOk.err()).isZero();
        assertThat(stats("cli1").get("entities").asLong()).isEqualTo(4);

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"entities\":[{\"id\":\"q\",\"name\":\"Q\"}],\"edges\":[{\"source\":\"q\","
                + "\"target\":\"q\",\"relation\":\"SELF\"}]}");
        Result rejected = cli("import", "--project", "cli1", bad.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).contains("edges[0]").contains("self-loop").doesNotContain("\tat ");
        assertThat(stats("cli1").get("entities").asLong()).isEqualTo(4);

        assertThat(cli("import", "--project", "cli1", tmp.resolve("missing.json").toString()).code()).isEqualTo(2);
        assertThat(cli("import", "--project", "cli1", csv.toString()).err()).contains("--format");
        assertThat(cli("import", good.toString()).code()).isEqualTo(2);
        assertThat(cli("import", "--project", "bad id", good.toString()).code()).isEqualTo(2);
    }

    record Result(int code, String out, String err) {
    }

    Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--db-url=" + db.url());
        if (db.user() != null) {
            all.add(1, "--db-user=" + db.user());
        }
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
