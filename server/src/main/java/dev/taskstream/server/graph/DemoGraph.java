package dev.taskstream.server.graph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo knowledge graph (project {@code demo}): a research institute, generated from a fixed seed, so every start
 * produces the same graph. It is the first thing a new user sees, so it has a shape worth looking at: research groups
 * of clearly different sizes (three large, seven medium, many small), grouped into four divisions whose groups are
 * closer to each other than to the rest. Each group has a lab (organisation), its people, one to four team leads,
 * a few topics and projects; people WORKS_AT their lab, REPORT_TO a team lead, KNOW and COLLABORATE_WITH mostly
 * colleagues (across groups mostly within their division), are INTERESTED_IN topics and CONTRIBUTE_TO projects;
 * funders FUND projects; topics are RELATED_TO each other. A rebuild finds the groups again, the size chart shows the
 * long tail, and the map shows the divisions as clusters of strongly linked circles.
 *
 * <p>Its size (about 21,000 people, 210,000 edges) gives a rebuild a few seconds of real work on a 2-core machine,
 * long enough to see its progress bar move, short enough not to wait for the demo.
 */
public final class DemoGraph {
    public static final String PROJECT_ID = "demo";
    public static final String PROJECT_NAME = "Demo knowledge graph";
    public static final long SEED = 20_240_501L;

    /** A research group: its field (the community's name after a rebuild), its division and its number of people. */
    record Group(String field, int division, int people) {
    }

    static final String[] DIVISIONS = {"Physical Sciences", "Life Sciences", "Computing", "Society"};
    private static final int PHYSICAL = 0;
    private static final int LIFE = 1;
    private static final int COMPUTING = 2;
    private static final int SOCIETY = 3;

    /** Largest first; no two fields share a word, so each community is named after one group. */
    static final List<Group> GROUP_LIST = List.of(
            new Group("Climate Modelling", PHYSICAL, 4500),
            new Group("Genomics", LIFE, 3500),
            new Group("Distributed Systems", COMPUTING, 2600),
            new Group("Quantum Computing", PHYSICAL, 1400),
            new Group("Neuroscience", LIFE, 1200),
            new Group("Computer Vision", COMPUTING, 1100),
            new Group("Epidemiology", LIFE, 950),
            new Group("Materials Science", PHYSICAL, 800),
            new Group("Databases", COMPUTING, 700),
            new Group("Urban Planning", SOCIETY, 650),
            new Group("Robotics", COMPUTING, 420),
            new Group("Cryptography", COMPUTING, 360),
            new Group("Astrophysics", PHYSICAL, 330),
            new Group("Marine Biology", LIFE, 300),
            new Group("Behavioural Economics", SOCIETY, 260),
            new Group("Energy Storage", PHYSICAL, 240),
            new Group("Protein Folding", LIFE, 220),
            new Group("Particle Physics", PHYSICAL, 200),
            new Group("Ecology", LIFE, 190),
            new Group("Compilers", COMPUTING, 170),
            new Group("Medical Imaging", LIFE, 150),
            new Group("Game Theory", SOCIETY, 140),
            new Group("Computational Linguistics", SOCIETY, 130),
            new Group("Human-Computer Interaction", COMPUTING, 120),
            new Group("Oceanography", PHYSICAL, 110),
            new Group("Seismology", PHYSICAL, 100),
            new Group("Public Health Policy", SOCIETY, 95),
            new Group("Formal Methods", COMPUTING, 85));

    /** The fields of the research groups, largest group first. */
    static final String[] GROUPS = GROUP_LIST.stream().map(Group::field).toArray(String[]::new);

    /** Of the links a person has outside their group, this share stays in their division. */
    private static final double SAME_DIVISION = 0.7;

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
    private static final String[] TOPIC_WORDS = {"Foundations", "Techniques", "Applications", "Datasets", "Simulation"};
    private static final String[] PROJECT_WORDS = {"Aurora", "Beacon", "Cascade", "Delta", "Ember", "Fjord",
        "Granite", "Harbor", "Iris", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchid", "Prism"};
    private static final String[] FUNDERS = {"National Science Foundation", "European Research Council",
        "Wellcome Trust", "Gates Foundation", "Horizon Fund", "Open Research Alliance"};
    private static final String[] RELATIONS = {"WORKS_AT", "REPORTS_TO", "KNOWS", "COLLABORATES_WITH",
        "INTERESTED_IN", "CONTRIBUTES_TO", "FUNDS", "RUNS", "ABOUT", "RELATED_TO"};

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
        new Generator(new SplittableRandom(SEED), sink).run();
    }

    /** One generation: entities get dense numbers, so edges are deduplicated by number, not by string. */
    private static final class Generator {
        private final SplittableRandom random;
        private final GraphSink sink;
        private final List<String> ids = new ArrayList<>();
        private final Set<Long> seen = new HashSet<>();
        private final int[][] people = new int[GROUP_LIST.size()][];
        private final int[][] leads = new int[GROUP_LIST.size()][];
        private final int[][] topics = new int[GROUP_LIST.size()][];
        private final int[][] projects = new int[GROUP_LIST.size()][];
        private final int[] labs = new int[GROUP_LIST.size()];
        private final int[] funders = new int[FUNDERS.length];
        /** Cumulative group sizes, all groups and per division, to pick a group in proportion to its size. */
        private final int[] totalPeople = new int[GROUP_LIST.size()];

        Generator(SplittableRandom random, GraphSink sink) {
            this.random = random;
            this.sink = sink;
        }

        void run() {
            entities();
            edges();
        }

        private int entity(String id, String name, String type, String properties) {
            sink.entity(PROJECT_ID, id, name, type, properties);
            ids.add(id);
            return ids.size() - 1;
        }

        private void entities() {
            NameDeck names = new NameDeck(random);
            int running = 0;
            for (int g = 0; g < GROUP_LIST.size(); g++) {
                Group group = GROUP_LIST.get(g);
                running += group.people();
                totalPeople[g] = running;
                labs[g] = entity("lab-" + (g + 1), group.field() + " Lab", "organization",
                        "{\"kind\":\"research group\",\"division\":\"" + DIVISIONS[group.division()] + "\"}");
                int[] members = new int[group.people()];
                for (int i = 0; i < members.length; i++) {
                    members[i] = entity("p" + (ids.size() + 1), names.next(), "person", null);
                }
                people[g] = members;
                // one to four teams: their leads are the group's best-connected people
                leads[g] = java.util.Arrays.copyOf(members, Math.clamp(group.people() / 500 + 1, 1, 4));
                // small groups have fewer topics, each shared by more of the group: their names stay recognisable
                int topicCount = group.people() >= 400 ? TOPIC_WORDS.length : group.people() >= 150 ? 3 : 2;
                topics[g] = new int[topicCount];
                for (int t = 0; t < topicCount; t++) {
                    topics[g][t] = entity("topic-" + (g + 1) + "-" + (t + 1), group.field() + " " + TOPIC_WORDS[t],
                            "topic", null);
                }
                projects[g] = new int[1 + group.people() / 600];
                for (int p = 0; p < projects[g].length; p++) {
                    int n = g * 3 + p;
                    projects[g][p] = entity("project-" + (g + 1) + "-" + (p + 1),
                            "Project " + PROJECT_WORDS[n % PROJECT_WORDS.length] + " " + (n + 1), "project", null);
                }
            }
            for (int f = 0; f < FUNDERS.length; f++) {
                funders[f] = entity("funder-" + (f + 1), FUNDERS[f], "organization", "{\"kind\":\"funder\"}");
            }
        }

        private void edges() {
            for (int g = 0; g < GROUP_LIST.size(); g++) {
                int[] members = people[g];
                for (int i = 0; i < members.length; i++) {
                    int person = members[i];
                    edge(person, labs[g], 0, 1);
                    if (i >= leads[g].length) {
                        edge(person, leads[g][i % leads[g].length], 1, 1);
                    }
                    for (int k = 0; k < 5; k++) {
                        edge(person, colleague(g, 0.07), 2, 1);
                    }
                    for (int k = 0; k < 2; k++) {
                        edge(person, colleague(g, 0.04), 3, 1 + random.nextInt(3));
                    }
                    if (random.nextDouble() < (members.length < 150 ? 0.9 : 0.7)) {
                        int topicGroup = random.nextDouble() < 0.1 ? otherGroup(g) : g;
                        edge(person, pick(topics[topicGroup]), 4, 1);
                    }
                    if (random.nextDouble() < 0.5) {
                        edge(person, pick(projects[g]), 5, 1);
                    }
                }
                for (int project : projects[g]) {
                    edge(pick(funders), project, 6, 2);
                    edge(labs[g], project, 7, 2);
                    edge(project, pick(topics[g]), 8, 1);
                }
                for (int t = 1; t < topics[g].length; t++) {
                    edge(topics[g][t - 1], topics[g][t], 9, 1);
                }
                edge(topics[g][0], pick(topics[otherGroup(g)]), 9, 0.5);
            }
        }

        /** A person of group {@code g} or, with probability {@code outside}, of another group. */
        private int colleague(int g, double outside) {
            return pick(people[random.nextDouble() < outside ? otherGroup(g) : g]);
        }

        /** Another group than {@code g}, mostly of its division, in proportion to the groups' sizes. */
        private int otherGroup(int g) {
            boolean sameDivision = random.nextDouble() < SAME_DIVISION;
            while (true) {
                int other = groupBySize();
                if (other != g && (!sameDivision || GROUP_LIST.get(other).division() == GROUP_LIST.get(g).division())) {
                    return other;
                }
            }
        }

        private int groupBySize() {
            int n = random.nextInt(totalPeople[totalPeople.length - 1]);
            int g = 0;
            while (totalPeople[g] <= n) {
                g++;
            }
            return g;
        }

        private int pick(int[] from) {
            return from[random.nextInt(from.length)];
        }

        /** Skips self-loops and repeats of the same (source, target, relation). */
        private void edge(int source, int target, int relation, double weight) {
            if (source == target || !seen.add(((long) source << 32 | target) * RELATIONS.length + relation)) {
                return;
            }
            sink.edge(PROJECT_ID, ids.get(source), ids.get(target), RELATIONS[relation], weight);
        }
    }

    /** Unique person names: a shuffled walk through all first name × middle initial × last name combinations. */
    private static final class NameDeck {
        private final int[] combos = new int[FIRST.length * 26 * LAST.length];
        private int next;

        NameDeck(SplittableRandom random) {
            for (int i = 0; i < combos.length; i++) {
                combos[i] = i;
            }
            for (int i = combos.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = combos[i];
                combos[i] = combos[j];
                combos[j] = t;
            }
        }

        String next() {
            int combo = combos[next++];
            char initial = (char) ('A' + combo / LAST.length % 26);
            return FIRST[combo / (26 * LAST.length)] + " " + initial + ". " + LAST[combo % LAST.length];
        }
    }
}
