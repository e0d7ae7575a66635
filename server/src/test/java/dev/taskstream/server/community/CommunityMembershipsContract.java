package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.ServerFixture;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 26 over real HTTP after a real import and rebuild, on H2 and on Postgres (see the
 * subclasses): {@code GET /projects/{id}/communities/memberships} gives every entity exactly once,
 * in CSV and NDJSON, agreeing with the paged endpoints; a project without communities gets the
 * header only; and {@code GET /communities/{id}/members} pages through a community by keyset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommunityMembershipsContract {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A clique of this many entities: one community spanning many small pages. */
    private static final int CLIQUE = 40;
    /** Entities without relations: each its own community, so the export spans many communities. */
    private static final int ISOLATED = 300;

    @RegisterExtension
    final ServerFixture app = new ServerFixture(this::kind);

    private final List<String> entities = new ArrayList<>();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        StringBuilder nodes = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        // Ids a CSV writer must quote (comma, quote) and one that needs JSON escaping.
        List<String> odd = List.of("with,comma", "with\"quote", "back\\slash é");
        for (int i = 0; i < CLIQUE; i++) {
            entities.add(i < odd.size() ? odd.get(i) : "k" + i);
        }
        for (int i = 0; i < CLIQUE; i++) {
            for (int j = i + 1; j < CLIQUE; j++) {
                edges.append(edge(entities.get(i), entities.get(j))).append(',');
            }
        }
        edges.append(edge(entities.get(CLIQUE - 1), "a1")).append(',');
        for (String group : List.of("a", "b")) {
            for (int i = 1; i <= 5; i++) {
                entities.add(group + i);
                for (int j = i + 1; j <= 5; j++) {
                    edges.append(edge(group + i, group + j)).append(',');
                }
            }
        }
        for (int i = 0; i < ISOLATED; i++) {
            entities.add("loner" + i);
        }
        edges.append(edge("a1", "b1"));
        for (String id : entities) {
            nodes.append(nodes.isEmpty() ? "" : ",").append("{\"id\":").append(quote(id)).append(",\"name\":")
                    .append(quote("Name of " + id)).append(",\"type\":\"thing\"}");
        }
        String graph = "{\"entities\":[" + nodes + "],\"edges\":[" + edges + "]}";
        awaitCompleted(app.http().post("/api/v1/projects/parts/graph", graph));
        awaitCompleted(app.http().post("/api/v1/projects/parts/communities/rebuild", "{\"seed\":1}"));
        awaitCompleted(app.http().post("/api/v1/projects/bare/graph", "{\"entities\":[{\"id\":\"x\",\"name\":\"X\"}]}"));
    }

    private static String edge(String source, String target) {
        return "{\"source\":" + quote(source) + ",\"target\":" + quote(target) + ",\"relation\":\"R\"}";
    }

    private static String quote(String s) {
        try {
            return Json.mapper().writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitCompleted(Http.Answer accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String task = "/api/v1/tasks/" + accepted.json().get("task_id").asText();
        await().atMost(WAIT).until(() -> app.http().get(task).json().get("status").asText()
                .matches("completed|failed|cancelled"));
        JsonNode t = app.http().get(task).json();
        assertThat(t.get("status").asText()).as(t.toString()).isEqualTo("completed");
    }

    private Http.Answer get(String path, String accept) {
        HttpRequest.Builder r = HttpRequest.newBuilder(app.http().uri(path)).GET();
        if (accept != null) {
            r.header("Accept", accept);
        }
        return app.http().send(r);
    }

    /** Community of every entity according to the paged endpoints (list, then each community's members). */
    private Map<String, String> membershipsByPaging() {
        Map<String, String> byEntity = new HashMap<>();
        JsonNode list = app.http().get("/api/v1/projects/parts/communities?limit=500").json();
        for (JsonNode c : list.get("items")) {
            String id = c.get("id").asText();
            for (JsonNode m : allMembers(id, 500)) {
                assertThat(byEntity.put(m.get("entity_id").asText(), id)).as("entity listed twice").isNull();
            }
        }
        return byEntity;
    }

    /** Every member of a community, page by page with the keyset cursor. */
    private List<JsonNode> allMembers(String communityId, int limit) {
        List<JsonNode> members = new ArrayList<>();
        String path = "/api/v1/communities/" + communityId + "/members?limit=" + limit;
        String cursor = "";
        while (true) {
            Http.Answer a = app.http().get(path + cursor);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonNode page = a.json();
            page.get("items").forEach(members::add);
            if (page.get("next_after").isNull()) {
                return members;
            }
            assertThat(page.get("items").size()).isEqualTo(limit);
            cursor = "&after=" + page.get("next_after").asInt();
        }
    }

    private static List<String[]> parseCsv(String body) {
        List<String[]> rows = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                char c = body.charAt(i++);
                if (quoted) {
                    if (c == '"' && i < body.length() && body.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    fields.add(field.toString());
                    break;
                } else {
                    field.append(c);
                }
            }
            rows.add(fields.toArray(String[]::new));
        }
        return rows;
    }

    @Test
    void csvHasEveryEntityExactlyOnceAndAgreesWithThePagedEndpoints() {
        Http.Answer a = get("/api/v1/projects/parts/communities/memberships", null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(a.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"parts-memberships.csv\"");
        assertThat(a.body()).startsWith("entity_id,community_id\n").endsWith("\n");
        List<String[]> rows = parseCsv(a.body());
        assertThat(rows.getFirst()).containsExactly("entity_id", "community_id");
        Map<String, String> exported = new LinkedHashMap<>();
        for (String[] row : rows.subList(1, rows.size())) {
            assertThat(row).hasSize(2);
            assertThat(exported.put(row[0], row[1])).as("entity %s exported twice", row[0]).isNull();
        }
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(entities);
        assertThat(exported).isEqualTo(membershipsByPaging());
        // Grouped by community, largest first: the clique's community comes first, whole.
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (String community : exported.values()) {
            if (!community.equals(previous)) {
                assertThat(seen.add(community)).as("community %s in two runs", community).isTrue();
                previous = community;
            }
        }
    }

    @Test
    void ndjsonHasTheSameMemberships() throws IOException {
        Map<String, String> csv = new HashMap<>();
        for (String[] row : parseCsv(get("/api/v1/projects/parts/communities/memberships", "text/csv").body())
                .subList(1, entities.size() + 1)) {
            csv.put(row[0], row[1]);
        }
        for (String accept : List.of("application/x-ndjson", "text/csv;q=0.5, application/x-ndjson")) {
            Http.Answer a = get("/api/v1/projects/parts/communities/memberships", accept);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
            assertThat(a.body()).endsWith("}\n");
            Map<String, String> ndjson = new HashMap<>();
            for (String line : a.body().split("\n")) {
                JsonNode row = Json.mapper().readTree(line);
                assertThat(row.size()).isEqualTo(2);
                assertThat(ndjson.put(row.get("entity_id").asText(), row.get("community_id").asText())).isNull();
            }
            assertThat(ndjson).isEqualTo(csv);
        }
        Http.Answer byParam = get("/api/v1/projects/parts/communities/memberships?format=ndjson", "text/csv");
        assertThat(byParam.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(byParam.body().split("\n")).hasSize(entities.size());
    }

    @Test
    void aProjectWithoutCommunitiesGetsTheHeaderOnly() {
        Http.Answer csv = get("/api/v1/projects/bare/communities/memberships", null);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo("entity_id,community_id\n");
        Http.Answer ndjson = get("/api/v1/projects/bare/communities/memberships", "application/x-ndjson");
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.body()).isEmpty();
    }

    @Test
    void badRequestsAreExplained() {
        assertError(get("/api/v1/projects/nope/communities/memberships", null), 404, "no project with id 'nope'");
        assertError(get("/api/v1/projects/parts/communities/memberships", "application/json"), 406,
                "text/csv", "application/x-ndjson");
        assertError(get("/api/v1/projects/parts/communities/memberships?format=xml", null), 400, "csv or ndjson");
        assertError(get("/api/v1/projects/parts/communities/memberships?limit=5", null), 400, "unknown query parameter");
        String community = app.http().get("/api/v1/projects/parts/communities?limit=1").json()
                .get("items").get(0).get("id").asText();
        assertError(get("/api/v1/communities/" + community + "/members?after=-1", null), 400, "after must be from 0");
        assertError(get("/api/v1/communities/" + community + "/members?limit=0", null), 400, "limit must be from 1");
        assertError(get("/api/v1/communities/00000000-0000-0000-0000-000000000000/members", null), 404,
                "no community with id");
    }

    private static void assertError(Http.Answer a, int status, String... fragments) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        JsonNode json = a.json();
        assertThat(json.get("error").asText()).isNotBlank();
        assertThat(json.get("code").asText()).isNotBlank();
        for (String f : fragments) {
            assertThat(json.get("detail").asText()).contains(f);
        }
    }

    @Test
    void keysetPagingGivesEveryMemberOnceInMemberOrder() {
        JsonNode largest = app.http().get("/api/v1/projects/parts/communities?limit=1").json().get("items").get(0);
        String id = largest.get("id").asText();
        int count = largest.get("member_count").asInt();
        assertThat(count).as("the clique is the largest community").isEqualTo(CLIQUE);
        List<JsonNode> members = allMembers(id, 3); // 14 pages
        assertThat(members.stream().map(m -> m.get("entity_id").asText()))
                .containsExactlyInAnyOrderElementsOf(entities.subList(0, CLIQUE));
        assertThat(members).hasSize(count);
        List<String> ids = members.stream().map(m -> m.get("entity_id").asText()).toList();
        assertThat(new HashSet<>(ids)).hasSize(count);
        // The same order as the offset pages of GET /communities/{id}, which stay as they were.
        List<String> byOffset = new ArrayList<>();
        for (int offset = 0; offset < count; offset += 7) {
            JsonNode page = app.http().get("/api/v1/communities/" + id + "?limit=7&offset=" + offset).json()
                    .get("members");
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            assertThat(page.get("total").asInt()).isEqualTo(count);
            page.get("items").forEach(m -> byOffset.add(m.get("entity_id").asText()));
        }
        assertThat(ids).isEqualTo(byOffset);
        // Members in member order: degree never rises along the pages.
        for (int i = 1; i < members.size(); i++) {
            assertThat(members.get(i).get("degree").asInt()).isLessThanOrEqualTo(members.get(i - 1).get("degree").asInt());
        }
        JsonNode first = app.http().get("/api/v1/communities/" + id + "/members?limit=3").json();
        assertThat(first.get("after").isNull()).isTrue();
        assertThat(first.get("total").asInt()).isEqualTo(count);
        assertThat(first.get("limit").asInt()).isEqualTo(3);
        assertThat(first.get("next_after").asInt()).isEqualTo(2);
        JsonNode second = app.http().get("/api/v1/communities/" + id + "/members?limit=3&after=2").json();
        assertThat(second.get("after").asInt()).isEqualTo(2);
        assertThat(second.get("items").get(0).get("entity_id").asText()).isEqualTo(ids.get(3));
        JsonNode last = app.http().get("/api/v1/communities/" + id + "/members?after=" + (count - 1)).json();
        assertThat(last.get("items")).isEmpty();
        assertThat(last.get("next_after").isNull()).isTrue();
    }
}
