package dev.taskstream.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Community names from what the member names share, else from the central member. */
class CommunityNamerTest {

    /** A research group as in the demo: its lab and topics (central), then people. */
    private static List<String> group(String field, int people, int offset) {
        List<String> names = new ArrayList<>(List.of(field + " Lab", field + " Theory", field + " Methods",
                field + " Benchmarks"));
        for (int i = 0; i < people; i++) {
            names.add("Person" + (offset + i) + " Surname" + ((offset + i) % 7));
        }
        return names;
    }

    @Test
    void aGroupIsNamedByTheWordsItsCentralMembersShareInTheirOrder() {
        List<String> economics = group("Behavioural Economics", 131, 0);
        List<String> ecology = group("Ecology", 40, 200);
        List<String> all = new ArrayList<>(economics);
        all.addAll(ecology);
        CommunityNamer namer = new CommunityNamer(all);

        assertThat(namer.name(economics)).isEqualTo("Behavioural Economics (135)");
        assertThat(namer.name(ecology)).isEqualTo("Ecology (44)");
    }

    @Test
    void theCommonPrefixKeepsAWordThatIsCommonAllOverTheGraph() {
        // every group has a "... Theory" topic, so "Theory" alone is no theme; "Game Theory ..." is a prefix
        List<String> all = new ArrayList<>();
        List<String> game = group("Game Theory", 50, 0);
        all.addAll(game);
        for (String field : List.of("Ecology", "Genomics", "Robotics", "Databases")) {
            all.addAll(group(field, 50, all.size()));
        }
        assertThat(new CommunityNamer(all).name(game)).isEqualTo("Game Theory (54)");
    }

    @Test
    void wordsFoundAllOverTheGraphOrOnlyAtTheEdgeOfACommunityNameNothing() {
        // "Project" is in every name of the graph; "Kestrel" is in two names, but not among the central ten
        List<String> community = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            community.add("Project Member " + i);
        }
        community.add("Kestrel Alpha");
        community.add("Kestrel Beta");
        List<String> all = new ArrayList<>(community);
        for (int i = 0; i < 100; i++) {
            all.add("Project Other " + i);
        }
        CommunityNamer namer = new CommunityNamer(all);
        // "Member" is in 30 of 32 names and nowhere else: the name
        assertThat(namer.name(community)).isEqualTo("Member (32)");
        assertThat(namer.sharedWords(List.of("Project Other 1", "Project Other 2"))).isEmpty();
    }

    @Test
    void peopleWithNothingInCommonAreNamedAfterTheCentralMember() {
        // "Ada" and "Hopper" are in two names each: a coincidence, not a theme
        List<String> people = List.of("Ada Lovelace", "Alan Turing", "Grace Hopper", "Ada Hopper");
        assertThat(new CommunityNamer(people).name(people)).isEqualTo("Around Ada Lovelace (4)");
        // a pair that shares a word is named by it
        List<String> pair = List.of("Kestrel Alpha", "Kestrel Beta");
        assertThat(new CommunityNamer(pair).name(pair)).isEqualTo("Kestrel (2)");
    }

    @Test
    void stopWordsAndNumbersAreNotThemesAndTinyCommunitiesKeepTheirMembersName() {
        List<String> projects = List.of("Project of 1", "Project of 2", "Project of 3", "Centre of 4");
        CommunityNamer namer = new CommunityNamer(projects);
        assertThat(namer.sharedWords(projects)).isEqualTo("Project");
        assertThat(namer.name(List.of("Lone Wolf"))).isEqualTo("Lone Wolf");
        assertThat(namer.name(List.of())).isEqualTo("Empty community");
    }
}
