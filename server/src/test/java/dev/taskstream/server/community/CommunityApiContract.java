package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.Imports;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestHandlers;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rebuild task and the community endpoints over real HTTP, on H2 and on Postgres (see the
 * subclasses): the streamed steps, the saved communities, bad input, 409, and the atomic swap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommunityApiContract {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Rows loaded / memberships saved between two progress events: small, so the small graphs show them. */
    private static final int PROGRESS_EVERY = 4;

    /** Two 5-cliques joined by one edge, and one isolated entity: 3 communities of 5, 5 and 1. */
    static final String TWO_CLIQUES;

    static {
        StringBuilder entities = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        for (String group : List.of("a", "b")) {
            for (int i = 1; i <= 5; i++) {
                entities.append(String.format("{\"id\":\"%s%d\",\"name\":\"Person %s%d\",\"type\":\"person\"},",
                        group, i, group.toUpperCase(), i));
                for (int j = i + 1; j <= 5; j++) {
                    edges.append(String.format("{\"source\":\"%s%d\",\"target\":\"%s%d\",\"relation\":\"KNOWS\"},",
                            group, i, group, j));
                }
            }
        }
        entities.append("{\"id\":\"loner\",\"name\":\"Lone Wolf\",\"type\":\"person\"}");
        edges.append("{\"source\":\"a1\",\"target\":\"b1\",\"relation\":\"MET\",\"weight\":0.5}");
        TWO_CLIQUES = "{\"entities\":[" + entities + "],\"edges\":[" + edges + "]}";
    }

    private TestDatabase db;
    private TaskstreamServer server;
    private Http http;
    private final GatedRebuild gate = new GatedRebuild();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        db = TestDatabase.create(kind());
        server = TestServer.start(db, UnaryOperator.identity(), TestHandlers.registry().register(gate));
        gate.delegate = new RebuildCommunitiesHandler(server.database(),
                new CommunityStore(server.database(), Clock.systemUTC()), PROGRESS_EVERY, PROGRESS_EVERY);
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stop() {
        gate.release();
        TestServer.stop(server, db);
    }

    // ---- helpers ---------------------------------------------------------------------------

    void importGraph(String project, String json) {
        Imports.completed(http, project, json);
    }

    String rebuild(String project, String body) {
        Http.Answer a = http.post("/api/v1/projects/" + project + "/communities/rebuild", body);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("task_id").asText();
        assertThat(a.json().get("stream_url").asText()).isEqualTo("/api/v1/tasks/" + id + "/stream");
        return id;
    }

    JsonNode task(String id) {
        return http.get("/api/v1/tasks/" + id).json();
    }

    JsonNode awaitStatus(String id, String status) {
        await().atMost(WAIT).until(() -> task(id).get("status").asText().matches("completed|failed|cancelled"));
        JsonNode t = task(id);
        assertThat(t.get("status").asText()).as(t.toString()).isEqualTo(status);
        return t;
    }

    JsonNode list(String project, String query) {
        Http.Answer a = http.get("/api/v1/projects/" + project + "/communities" + query);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    static Set<String> ids(JsonNode page) {
        Set<String> ids = new HashSet<>();
        page.get("items").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    static void assertError(Http.Answer a, int status, String... fragments) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        JsonNode json = a.json();
        assertThat(json.get("error").asText()).isNotBlank();
        for (String f : fragments) {
            assertThat(json.get("detail").asText()).contains(f);
        }
        assertThat(a.body()).doesNotContain("Exception");
    }

    // ---- the rebuild, step by step -----------------------------------------------------------

    @Test
    void rebuildStreamsEveryStepInOrderAndSavesCommunities() throws IOException {
        importGraph("g1", TWO_CLIQUES);
        String id = rebuild("g1", "");
        List<JsonNode> events = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (RawSse sse = RawSse.open(http.base(), "/api/v1/tasks/" + id + "/stream?last_event_id=0")) {
            for (RawSse.Block b = sse.nextEvent(); b != null; b = sse.nextEvent()) {
                events.add(Json.mapper().readTree(b.data()));
                names.add(b.event());
            }
        }
        assertThat(names.get(names.size() - 1)).isEqualTo("completed");
        List<JsonNode> steps = events.subList(events.indexOf(events.stream()
                .filter(e -> e.get("progress").asInt() == 10).findFirst().orElseThrow()), events.size());
        assertThat(steps.get(0).get("message").asText()).isEqualTo("Removing existing communities...");
        // 11 entities + 21 edges = 32 rows: an event every 4 rows while the graph loads, within 10..29
        int i = 1;
        int last = 10;
        List<String> loading = new ArrayList<>();
        while (steps.get(i).get("message").asText().startsWith("Loading graph... (")) {
            int p = steps.get(i).get("progress").asInt();
            assertThat(p).isBetween(last, 29);
            last = p;
            loading.add(steps.get(i).get("message").asText());
            i++;
        }
        assertThat(loading).hasSize(8).allMatch(m -> m.matches("Loading graph\\.\\.\\. \\(\\d+ edges\\)"))
                .last().isEqualTo("Loading graph... (21 edges)");
        assertThat(steps.get(i).get("progress").asInt()).isEqualTo(30);
        assertThat(steps.get(i).get("message").asText()).isEqualTo("Detecting communities...");
        int detecting = ++i;
        last = 30;
        while (steps.get(i).get("message").asText().startsWith("Detecting communities... (iteration ")) {
            int p = steps.get(i).get("progress").asInt();
            assertThat(p).isBetween(last, 49);
            last = p;
            i++;
        }
        assertThat(i).as("at least one iteration reported").isGreaterThan(detecting);
        assertThat(steps.get(i).get("progress").asInt()).isEqualTo(50);
        assertThat(steps.get(i).get("message").asText()).isEqualTo("Found 3 communities...");
        assertThat(steps.get(i + 1).get("progress").asInt()).isEqualTo(75);
        assertThat(steps.get(i + 1).get("message").asText()).isEqualTo("Saving community memberships...");
        // 11 memberships: an event after 4 and after 8, within 75..89
        assertThat(steps.get(i + 2).get("message").asText()).isEqualTo("Saving community memberships... (4 of 11)");
        assertThat(steps.get(i + 3).get("message").asText()).isEqualTo("Saving community memberships... (8 of 11)");
        assertThat(steps.get(i + 2).get("progress").asInt()).isBetween(75, 89);
        assertThat(steps.get(i + 3).get("progress").asInt()).isBetween(steps.get(i + 2).get("progress").asInt(), 89);
        i += 2;
        assertThat(steps.get(i + 2).get("progress").asInt()).isEqualTo(90);
        assertThat(steps.get(i + 2).get("message").asText()).isEqualTo("Calculating member counts...");
        JsonNode done = steps.get(i + 3);
        assertThat(steps).hasSize(i + 4);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("message").asText()).isEqualTo("Community rebuild completed");
        JsonNode result = done.get("result");
        assertThat(result.get("communities_count").asInt()).isEqualTo(3);
        assertThat(result.get("edges_count").asInt()).isEqualTo(11);
        assertThat(result.get("nodes").asInt()).isEqualTo(11);
        assertThat(result.get("modularity").asDouble()).isGreaterThan(0.3);
        assertThat(result.get("algorithm").asText()).isEqualTo("leiden");
        assertThat(result.get("iterations").asInt()).isPositive();
        assertThat(result.get("duration_ms").asLong()).isNotNegative();
        JsonNode phases = result.get("phases_ms");
        assertThat(phases.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("load", "detect", "save");
        long phaseSum = 0;
        for (String phase : List.of("load", "detect", "save")) {
            assertThat(phases.get(phase).isIntegralNumber()).as(phase).isTrue();
            assertThat(phases.get(phase).asLong()).as(phase).isNotNegative();
            phaseSum += phases.get(phase).asLong();
        }
        assertThat(phaseSum).isLessThanOrEqualTo(result.get("duration_ms").asLong());

        JsonNode page = list("g1", "");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        List<Integer> sizes = new ArrayList<>();
        page.get("items").forEach(c -> sizes.add(c.get("member_count").asInt()));
        assertThat(sizes).containsExactly(5, 5, 1);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("name").asText()).matches("Around Person [AB]\\d \\(5\\)");
        assertThat(first.get("top_members")).hasSize(5);
        assertThat(first.get("description").asText()).contains("5 members (5 person)").contains("KNOWS (10)");
        assertThat(first.get("created_at").asText()).endsWith("Z");
        JsonNode loner = page.get("items").get(2);
        assertThat(loner.get("name").asText()).isEqualTo("Lone Wolf");
        assertThat(loner.get("description").asText()).contains("No links inside");
        assertThat(list("g1", "?min_members=2").get("total").asInt()).isEqualTo(2);
        assertThat(list("g1", "?limit=1&offset=1").get("items")).hasSize(1);
        assertThat(http.get("/api/v1/projects/g1/graph/stats").json().get("communities").asInt()).isEqualTo(3);

        String communityId = first.get("id").asText();
        JsonNode detail = http.get("/api/v1/communities/" + communityId + "?limit=2").json();
        assertThat(detail.get("project_id").asText()).isEqualTo("g1");
        assertThat(detail.get("member_count").asInt()).isEqualTo(5);
        JsonNode members = detail.get("members");
        assertThat(members.get("total").asInt()).isEqualTo(5);
        assertThat(members.get("items")).hasSize(2);
        // the bridge end has degree 5 (4 in the clique + the other clique), the rest 4
        assertThat(members.get("items").get(0).get("degree").asInt()).isEqualTo(5);
        assertThat(members.get("items").get(0).get("entity_id").asText()).endsWith("1");
        assertThat(members.get("items").get(1).get("degree").asInt()).isEqualTo(4);
        assertThat(members.get("items").get(0).get("type").asText()).isEqualTo("person");
        JsonNode tail = http.get("/api/v1/communities/" + communityId + "?limit=2&offset=4").json().get("members");
        assertThat(tail.get("items")).hasSize(1);
        Set<String> all = new HashSet<>();
        for (int offset = 0; offset < 5; offset += 2) {
            http.get("/api/v1/communities/" + communityId + "?limit=2&offset=" + offset).json().get("members")
                    .get("items").forEach(m -> all.add(m.get("entity_id").asText()));
        }
        assertThat(all).hasSize(5);
    }

    @Test
    void labelPropagationWithParametersAndEveryEntityInOneCommunity() {
        importGraph("g2", TWO_CLIQUES);
        String id = rebuild("g2", "{\"algorithm\":\"label_propagation\",\"resolution\":1.5,\"seed\":7}");
        JsonNode result = awaitStatus(id, "completed").get("result");
        assertThat(result.get("algorithm").asText()).isEqualTo("label_propagation");
        assertThat(result.get("seed").asLong()).isEqualTo(7);
        JsonNode page = list("g2", "?limit=500");
        int sum = 0;
        for (JsonNode c : page.get("items")) {
            sum += c.get("member_count").asInt();
        }
        assertThat(sum).isEqualTo(11).isEqualTo(result.get("edges_count").asInt());
    }

    @Test
    void bulkSavedMembershipsAreExactlyTheEntitiesWithAwkwardIds() {
        // Ids that COPY's text format has to escape (tab, newline, carriage return, backslash), a quote, and
        // non-ASCII: a 6-clique of them and a 4-clique of plain ids, joined by one edge.
        List<String> ids = List.of("tab\there", "new\nline", "cr\rid", "back\\slash", "it's", "ünï-çødé",
                "p1", "p2", "p3", "p4");
        ObjectNode graph = Json.mapper().createObjectNode();
        ArrayNode entities = graph.putArray("entities");
        ArrayNode edges = graph.putArray("edges");
        for (int i = 0; i < ids.size(); i++) {
            entities.addObject().put("id", ids.get(i)).put("name", "N" + i).put("type", "thing");
            for (int j = i + 1; j < ids.size(); j++) {
                if ((i < 6) == (j < 6) || (i == 0 && j == 6)) {
                    edges.addObject().put("source", ids.get(i)).put("target", ids.get(j)).put("relation", "R");
                }
            }
        }
        importGraph("awkward", graph.toString());
        JsonNode result = awaitStatus(rebuild("awkward", ""), "completed").get("result");
        assertThat(result.get("nodes").asInt()).isEqualTo(10);
        assertThat(result.get("edges_count").asInt()).isEqualTo(10);
        JsonNode page = list("awkward", "?limit=500");
        assertThat(page.get("total").asInt()).isEqualTo(result.get("communities_count").asInt());
        int sum = 0;
        List<String> members = new ArrayList<>();
        for (JsonNode c : page.get("items")) {
            sum += c.get("member_count").asInt();
            http.get("/api/v1/communities/" + c.get("id").asText() + "?limit=500").json().get("members").get("items")
                    .forEach(m -> members.add(m.get("entity_id").asText()));
        }
        assertThat(sum).isEqualTo(10);
        assertThat(members).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void emptyGraphCompletesWithNoCommunities() {
        assertThat(http.put("/api/v1/projects/empty", "{\"name\":\"Empty\"}").status()).isEqualTo(201);
        JsonNode result = awaitStatus(rebuild("empty", "{}"), "completed").get("result");
        assertThat(result.get("communities_count").asInt()).isZero();
        assertThat(result.get("nodes").asInt()).isZero();
        assertThat(result.get("edges_count").asInt()).isZero();
        assertThat(list("empty", "").get("total").asInt()).isZero();
    }

    @Test
    void badInputIsRejectedWithAHelpfulMessage() {
        importGraph("g3", TWO_CLIQUES);
        String rebuild = "/api/v1/projects/g3/communities/rebuild";
        assertError(http.post("/api/v1/projects/nope/communities/rebuild", ""), 404, "nope");
        assertError(http.post("/api/v1/projects/bad%20id/communities/rebuild", ""), 400, "malformed project id");
        assertError(http.post(rebuild, "{\"algorithm\":\"louvain\"}"), 400, "louvain", "leiden, label_propagation");
        assertError(http.post(rebuild, "{\"algorithm\":3}"), 400, "leiden, label_propagation");
        for (String resolution : List.of("0", "-1", "100.5", "\"high\"", "1e400")) {
            assertError(http.post(rebuild, "{\"resolution\":" + resolution + "}"), 400, "resolution", "at most 100");
        }
        for (String seed : List.of("1.5", "\"x\"", "99999999999999999999")) {
            assertError(http.post(rebuild, "{\"seed\":" + seed + "}"), 400, "seed must be a whole number");
        }
        assertError(http.post(rebuild, "{\"algo\":\"leiden\"}"), 400, "unknown field 'algo'", "algorithm, resolution, seed");
        assertError(http.post(rebuild, "{\"algorithm\":"), 400, "malformed JSON");
        assertError(http.post(rebuild, "[]"), 400, "JSON object");
        assertError(http.get("/api/v1/projects/nope/communities"), 404, "nope");
        assertError(http.get("/api/v1/projects/g3/communities?limit=0"), 400, "limit");
        assertError(http.get("/api/v1/projects/g3/communities?limit=501"), 400, "limit");
        assertError(http.get("/api/v1/projects/g3/communities?offset=-1"), 400, "offset");
        assertError(http.get("/api/v1/projects/g3/communities?offset=10000001"), 400, "offset");
        assertError(http.get("/api/v1/projects/g3/communities?min_members=0"), 400, "min_members");
        assertError(http.get("/api/v1/projects/g3/communities?sort=name"), 400, "unknown query parameter");
        assertError(http.get("/api/v1/communities/not-a-uuid"), 400, "malformed id");
        assertError(http.get("/api/v1/communities/123e4567-e89b-12d3-a456-426614174000"), 404, "no community");
        assertError(http.get("/api/v1/communities/123e4567-e89b-12d3-a456-426614174000?limit=0"), 400, "limit");
        assertThat(http.get("/api/v1/tasks?name=rebuild_communities&project_id=g3").json().get("total").asInt())
                .isZero();
    }

    // ---- one at a time, and readers never see a half-done swap ---------------------------------

    @Test
    void secondRebuildIs409AndReadersSeeOnlyWholeSets() throws InterruptedException {
        importGraph("swap", TWO_CLIQUES);
        awaitStatus(rebuild("swap", ""), "completed");
        JsonNode before = list("swap", "");
        Set<String> oldIds = ids(before);
        String oldId = oldIds.iterator().next();

        gate.holdAt(90); // all new rows written, the old ones not yet deleted, nothing committed
        String running = rebuild("swap", "{\"seed\":1}");
        gate.awaitHeld();
        try {
            Http.Answer conflict = http.post("/api/v1/projects/swap/communities/rebuild", "");
            assertError(conflict, 409);
            assertThat(conflict.json().get("task_id").asText()).isEqualTo(running);
            for (int i = 0; i < 10; i++) {
                JsonNode page = list("swap", "");
                assertThat(page.get("total").asInt()).isEqualTo(3);
                assertThat(ids(page)).isEqualTo(oldIds);
                assertThat(http.get("/api/v1/communities/" + oldId).status()).isEqualTo(200);
                assertThat(http.get("/api/v1/projects/swap/graph/stats").json().get("communities").asInt())
                        .isEqualTo(3);
            }
        } finally {
            gate.release();
        }
        awaitStatus(running, "completed");
        JsonNode after = list("swap", "");
        assertThat(after.get("total").asInt()).isEqualTo(3);
        assertThat(ids(after)).doesNotContainAnyElementsOf(oldIds);
        assertThat(http.get("/api/v1/communities/" + oldId).status()).isEqualTo(404);
    }

    @Test
    void cancelledRebuildKeepsTheOldCommunities() throws InterruptedException {
        importGraph("keep", TWO_CLIQUES);
        awaitStatus(rebuild("keep", ""), "completed");
        Set<String> oldIds = ids(list("keep", ""));

        gate.holdAt(75); // inside the swap transaction, before any row is written
        String running = rebuild("keep", "");
        gate.awaitHeld();
        assertThat(http.post("/api/v1/tasks/" + running + "/cancel", "").status()).isEqualTo(202);
        gate.release();
        awaitStatus(running, "cancelled");
        assertThat(ids(list("keep", ""))).isEqualTo(oldIds);
        assertThat(http.get("/api/v1/projects/keep/graph/stats").json().get("communities").asInt()).isEqualTo(3);
    }
}
