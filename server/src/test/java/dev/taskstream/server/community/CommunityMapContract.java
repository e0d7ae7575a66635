package dev.taskstream.server.community;

import static dev.taskstream.server.community.CommunityApiContract.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.ServerFixture;
import dev.taskstream.server.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /projects/{id}/communities/map} over real HTTP after a real rebuild, on H2 and on Postgres (see the
 * subclasses): the circles are the communities, and each link carries exactly the edges between two of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommunityMapContract {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** An edge of the planted graph: two 5-cliques (a, b), a 4-clique (c), a loner, and four bridges. */
    private record Edge(String source, String target, double weight) {
    }

    private static final List<Edge> EDGES = new ArrayList<>();
    private static final List<String> ENTITIES = new ArrayList<>();

    static {
        for (String group : List.of("a5", "b5", "c4")) {
            int n = group.charAt(1) - '0';
            String g = group.substring(0, 1);
            for (int i = 1; i <= n; i++) {
                ENTITIES.add(g + i);
                for (int j = i + 1; j <= n; j++) {
                    EDGES.add(new Edge(g + i, g + j, 1.0));
                }
            }
        }
        ENTITIES.add("loner");
        // bridges: a-b in both directions (they add up), a-c twice as heavy, nothing between b and c
        EDGES.add(new Edge("a1", "b1", 0.5));
        EDGES.add(new Edge("b2", "a2", 0.25));
        EDGES.add(new Edge("a3", "c1", 2.0));
        EDGES.add(new Edge("c2", "a4", 1.0));
    }

    @RegisterExtension
    final ServerFixture app = new ServerFixture(this::kind);

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        StringBuilder json = new StringBuilder("{\"entities\":[");
        json.append(String.join(",", ENTITIES.stream()
                .map(id -> "{\"id\":\"" + id + "\",\"name\":\"Entity " + id + "\",\"type\":\"thing\"}").toList()));
        json.append("],\"edges\":[");
        json.append(String.join(",", EDGES.stream().map(e -> String.format(java.util.Locale.ROOT,
                "{\"source\":\"%s\",\"target\":\"%s\",\"relation\":\"R\",\"weight\":%s}",
                e.source(), e.target(), e.weight())).toList()));
        json.append("]}");
        Http.Answer imported = app.http().post("/api/v1/projects/planted/graph", json.toString());
        awaitCompleted(imported);
        awaitCompleted(app.http().post("/api/v1/projects/planted/communities/rebuild", "{\"seed\":3}"));
    }

    /** The import and the rebuild are tasks (202); each must complete before the next step. */
    private void awaitCompleted(Http.Answer accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String task = "/api/v1/tasks/" + accepted.json().get("task_id").asText();
        await().atMost(WAIT).until(() -> app.http().get(task).json().get("status").asText()
                .matches("completed|failed|cancelled"));
        assertThat(app.http().get(task).json().get("status").asText()).as(app.http().get(task).body())
                .isEqualTo("completed");
    }

    private JsonNode map(String query) {
        Http.Answer a = app.http().get("/api/v1/projects/planted/communities/map" + query);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    /** entity id → community id, from the community endpoints (not from the map under test). */
    private Map<String, String> membership() {
        Map<String, String> of = new HashMap<>();
        for (JsonNode c : app.http().get("/api/v1/projects/planted/communities?limit=500").json().get("items")) {
            String id = c.get("id").asText();
            app.http().get("/api/v1/communities/" + id + "?limit=500").json().get("members").get("items")
                    .forEach(m -> of.put(m.get("entity_id").asText(), id));
        }
        return of;
    }

    @Test
    void linksCarryTheSumAndCountOfTheEdgesBetweenCommunities() {
        JsonNode map = map("");
        assertThat(map.get("project_id").asText()).isEqualTo("planted");
        assertThat(map.get("total_communities").asInt()).isEqualTo(4);
        assertThat(map.get("limit").asInt()).isEqualTo(CommunityMapRoutes.DEFAULT_LIMIT);
        List<Integer> sizes = new ArrayList<>();
        map.get("communities").forEach(c -> sizes.add(c.get("member_count").asInt()));
        assertThat(sizes).containsExactly(5, 5, 4, 1);
        map.get("communities").forEach(c -> assertThat(c.get("name").asText()).isNotBlank());

        // what the edges say, pair by pair, with the communities the rebuild put each entity in
        Map<String, String> community = membership();
        Map<String, double[]> expected = new HashMap<>();
        for (Edge e : EDGES) {
            String s = community.get(e.source());
            String t = community.get(e.target());
            if (!s.equals(t)) {
                double[] sum = expected.computeIfAbsent(pair(s, t), k -> new double[2]);
                sum[0] += e.weight();
                sum[1]++;
            }
        }
        assertThat(expected).hasSize(2); // a-b and a-c: the planted cliques were found
        Map<String, JsonNode> links = new HashMap<>();
        map.get("links").forEach(l -> links.put(pair(l.get("source").asText(), l.get("target").asText()), l));
        assertThat(links.keySet()).isEqualTo(expected.keySet());
        expected.forEach((pair, sum) -> {
            assertThat(links.get(pair).get("weight").asDouble()).isCloseTo(sum[0], within(1e-9));
            assertThat(links.get(pair).get("edges").asLong()).isEqualTo((long) sum[1]);
        });
        List<Double> weights = new ArrayList<>();
        map.get("links").forEach(l -> weights.add(l.get("weight").asDouble()));
        assertThat(weights).containsExactly(3.0, 0.75); // heaviest first
        // the source is the larger community: the a-clique's (5 members) in both links
        String a = community.get("a1");
        map.get("links").forEach(l -> assertThat(l.get("source").asText()).isEqualTo(a));
    }

    @Test
    void limitKeepsTheLargestCommunitiesAndOnlyTheLinksAmongThem() {
        JsonNode map = map("?limit=2");
        assertThat(map.get("total_communities").asInt()).isEqualTo(4);
        assertThat(map.get("communities")).hasSize(2);
        Map<String, String> community = membership();
        List<String> kept = new ArrayList<>();
        map.get("communities").forEach(c -> kept.add(c.get("id").asText()));
        assertThat(kept).containsExactlyInAnyOrder(community.get("a1"), community.get("b1"));
        assertThat(map.get("links")).hasSize(1);
        assertThat(map.get("links").get(0).get("weight").asDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(map.get("links").get(0).get("edges").asLong()).isEqualTo(2);
    }

    @Test
    void aProjectWithoutARebuildHasAnEmptyMap() {
        assertThat(app.http().put("/api/v1/projects/bare", "{\"name\":\"Bare\"}").status()).isEqualTo(201);
        JsonNode map = app.http().get("/api/v1/projects/bare/communities/map").json();
        assertThat(map.get("total_communities").asInt()).isZero();
        assertThat(map.get("communities")).isEmpty();
        assertThat(map.get("links")).isEmpty();
    }

    @Test
    void badInputIsRejectedWithAHelpfulMessage() {
        String path = "/api/v1/projects/planted/communities/map";
        assertError(app.http().get("/api/v1/projects/nope/communities/map"), 404, "no project with id 'nope'");
        assertError(app.http().get("/api/v1/projects/bad%20id/communities/map"), 400, "malformed project id");
        assertError(app.http().get(path + "?limit=0"), 400, "limit must be from 1 to 2000");
        assertError(app.http().get(path + "?limit=2001"), 400, "limit must be from 1 to 2000");
        assertError(app.http().get(path + "?limit=many"), 400, "limit must be a whole number");
        assertError(app.http().get(path + "?offset=3"), 400, "unknown query parameter 'offset'", "limit");
    }

    private static String pair(String x, String y) {
        return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
    }
}
