package dev.taskstream.server.graph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo knowledge graph (project {@code demo}): a research institute, generated from a fixed seed,
 * so every start produces the same graph. 24 research groups, each with a lab (organisation), about
 * {@value #MEAN_GROUP} people, a handful of topics and projects; people WORKS_AT their lab, KNOWS and
 * COLLABORATES_WITH mostly colleagues, are INTERESTED_IN topics and CONTRIBUTES_TO projects; funders
 * FUND projects; topics are RELATED_TO each other. Most edges stay inside a group, some cross
 * (co-authors in other groups, shared interests), so the structure is clear but not perfect.
 *
 * <p>Its size is chosen so that a rebuild takes a few seconds on a laptop (about {@value #MEAN_GROUP} × 24 people
 * and ten edges each): long enough to watch the progress bar move, short enough not to wait for the demo.
 */
public final class DemoGraph {
    public static final String PROJECT_ID = "demo";
    public static final String PROJECT_NAME = "Demo knowledge graph";
    public static final long SEED = 20_240_501L;
    /** People per research group: {@code MEAN_GROUP ± MEAN_GROUP / 3}. */
    static final int MEAN_GROUP = 500;

    static final String[] GROUPS = {
        "Quantum Computing", "Protein Folding", "Climate Modelling", "Robotics", "Computational Linguistics",
        "Cryptography", "Neuroscience", "Materials Science", "Astrophysics", "Epidemiology",
        "Computer Vision", "Distributed Systems", "Marine Biology", "Energy Storage", "Urban Planning",
        "Behavioural Economics", "Genomics", "Human-Computer Interaction", "Particle Physics", "Ecology",
        "Compilers", "Medical Imaging", "Databases", "Game Theory"};

    private static final String[] FIRST = {
        "Ada", "Alan", "Grace", "Claude", "Barbara", "Donald", "Edsger", "Frances", "Katherine", "John",
        "Margaret", "Dennis", "Ken", "Radia", "Tim", "Vint", "Hedy", "Shafi", "Leslie", "Niklaus",
        "Sophie", "Lukas", "Amara", "Kenji", "Priya", "Mateo", "Ingrid", "Omar", "Chen", "Fatima",
        "Elena", "Tomas", "Aisha", "Henrik", "Yuki", "Carlos", "Nadia", "Felix", "Leila", "Jonas",
        "Marta", "Ravi", "Olga", "Samuel", "Zara", "Pablo", "Mina", "Erik", "Hana", "Victor",
        "Clara", "Diego", "Anika", "Bruno", "Irene", "Kofi", "Lena", "Marco", "Nora", "Oscar"};
    private static final String[] LAST = {
        "Lovelace", "Turing", "Hopper", "Shannon", "Liskov", "Knuth", "Dijkstra", "Allen", "Johnson", "McCarthy",
        "Hamilton", "Ritchie", "Thompson", "Perlman", "Berners-Lee", "Cerf", "Lamarr", "Goldwasser", "Lamport",
        "Wirth", "Muller", "Schmidt", "Okafor", "Tanaka", "Sharma", "Garcia", "Larsen", "Haddad", "Wei", "Rahman",
        "Petrova", "Novak", "Bello", "Nilsson", "Sato", "Fernandez", "Ivanova", "Weber", "Karimi", "Berg",
        "Rossi", "Patel", "Sokolova", "Mensah", "Khan", "Ortega", "Park", "Lindqvist", "Kim", "Dubois",
        "Moreau", "Silva", "Kowalski", "Costa", "Fischer", "Asante", "Vogel", "Romano", "Hansen", "Duarte"};
    private static final String[] TOPIC_WORDS = {"Theory", "Methods", "Applications", "Benchmarks", "Simulation"};
    private static final String[] PROJECT_WORDS = {"Aurora", "Beacon", "Cascade", "Delta", "Ember", "Fjord",
        "Granite", "Harbor", "Iris", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchid", "Prism"};
    private static final String[] FUNDERS = {"National Science Foundation", "European Research Council",
        "Wellcome Trust", "Gates Foundation", "Horizon Fund", "Open Research Alliance"};

    private DemoGraph() {
    }

    /** Imports the demo graph into project {@code demo} unless that project already has entities. */
    public static boolean loadIfEmpty(GraphImporter importer, GraphStore graphs) throws IOException {
        if (graphs.hasEntities(PROJECT_ID)) {
            return false;
        }
        importer.run(PROJECT_ID, PROJECT_NAME, DemoGraph::emit);
        return true;
    }

    /** Emits the whole demo graph (entities first, then edges) into {@code sink}. */
    public static void emit(GraphSink sink) {
        SplittableRandom random = new SplittableRandom(SEED);
        int groups = GROUPS.length;
        List<List<String>> people = new ArrayList<>();
        List<List<String>> topics = new ArrayList<>();
        List<List<String>> projects = new ArrayList<>();
        List<String> labs = new ArrayList<>();
        // Unique person names: a shuffled walk through all first x middle initial x last combinations.
        int[] combos = new int[FIRST.length * 26 * LAST.length];
        for (int i = 0; i < combos.length; i++) {
            combos[i] = i;
        }
        for (int i = combos.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = combos[i];
            combos[i] = combos[j];
            combos[j] = t;
        }
        int nextCombo = 0;
        int personNo = 0;
        for (int g = 0; g < groups; g++) {
            String lab = String.format("org-%02d", g + 1);
            labs.add(lab);
            sink.entity("demo", lab, GROUPS[g] + " Lab", "organization", "{\"kind\":\"research group\"}");
            List<String> members = new ArrayList<>();
            int size = MEAN_GROUP * 2 / 3 + random.nextInt(MEAN_GROUP * 2 / 3);
            for (int i = 0; i < size; i++) {
                String id = String.format("person-%05d", ++personNo);
                int combo = combos[nextCombo++];
                int first = combo / (26 * LAST.length);
                char initial = (char) ('A' + combo / LAST.length % 26);
                sink.entity("demo", id, FIRST[first] + " " + initial + ". " + LAST[combo % LAST.length], "person", null);
                members.add(id);
            }
            people.add(members);
            List<String> groupTopics = new ArrayList<>();
            for (int t = 0; t < TOPIC_WORDS.length; t++) {
                String id = String.format("topic-%02d-%d", g + 1, t + 1);
                sink.entity("demo", id, GROUPS[g] + " " + TOPIC_WORDS[t], "topic", null);
                groupTopics.add(id);
            }
            topics.add(groupTopics);
            List<String> groupProjects = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                String id = String.format("project-%02d-%d", g + 1, p + 1);
                sink.entity("demo", id, "Project " + PROJECT_WORDS[(g * 3 + p) % PROJECT_WORDS.length] + " "
                        + (g * 3 + p + 1), "project", null);
                groupProjects.add(id);
            }
            projects.add(groupProjects);
        }
        List<String> funders = new ArrayList<>();
        for (int f = 0; f < FUNDERS.length; f++) {
            String id = String.format("funder-%d", f + 1);
            sink.entity("demo", id, FUNDERS[f], "organization", "{\"kind\":\"funder\"}");
            funders.add(id);
        }

        EdgeWriter edges = new EdgeWriter(sink);
        for (int g = 0; g < groups; g++) {
            List<String> members = people.get(g);
            for (String person : members) {
                edges.add(person, labs.get(g), "WORKS_AT", 1.0);
                for (int k = 0; k < 4; k++) {
                    String other = random.nextDouble() < 0.12 ? pick(random, people.get(otherGroup(random, g, groups)))
                            : pick(random, members);
                    edges.add(person, other, "KNOWS", 1.0);
                }
                for (int k = 0; k < 2; k++) {
                    String other = random.nextDouble() < 0.08 ? pick(random, people.get(otherGroup(random, g, groups)))
                            : pick(random, members);
                    edges.add(person, other, "COLLABORATES_WITH", 1 + random.nextInt(3));
                }
                for (int k = 0; k < 2; k++) {
                    String topic = random.nextDouble() < 0.15 ? pick(random, topics.get(otherGroup(random, g, groups)))
                            : pick(random, topics.get(g));
                    edges.add(person, topic, "INTERESTED_IN", 1.0);
                }
                if (random.nextDouble() < 0.6) {
                    edges.add(person, pick(random, projects.get(g)), "CONTRIBUTES_TO", 1.0);
                }
            }
            for (String project : projects.get(g)) {
                edges.add(pick(random, funders), project, "FUNDS", 2.0);
                edges.add(labs.get(g), project, "RUNS", 2.0);
                edges.add(project, pick(random, topics.get(g)), "ABOUT", 1.0);
            }
            List<String> groupTopics = topics.get(g);
            for (int t = 1; t < groupTopics.size(); t++) {
                edges.add(groupTopics.get(t - 1), groupTopics.get(t), "RELATED_TO", 1.0);
            }
            edges.add(groupTopics.get(0), pick(random, topics.get(otherGroup(random, g, groups))), "RELATED_TO", 0.5);
        }
    }

    private static int otherGroup(SplittableRandom random, int group, int groups) {
        int other = random.nextInt(groups - 1);
        return other >= group ? other + 1 : other;
    }

    private static String pick(SplittableRandom random, List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Skips self-loops and repeats of the same (source, target, relation). */
    private static final class EdgeWriter {
        private final GraphSink sink;
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        EdgeWriter(GraphSink sink) {
            this.sink = sink;
        }

        void add(String source, String target, String relation, double weight) {
            if (source.equals(target) || !seen.add(source + '\u0000' + target + '\u0000' + relation)) {
                return;
            }
            sink.edge("demo", source, target, relation, weight);
        }
    }
}
