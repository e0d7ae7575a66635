package dev.taskstream.server.community;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names a community by what its members share, so that a person can tell communities apart at a glance:
 * "Behavioural Economics (135)" rather than "A, B, C &amp; 132 more". The shared words are those that several
 * members' names have (three at least), that the central members have too (or a quarter of all members), and that are mostly
 * found in this community rather than all over the graph. The name is the common prefix that starts at the most
 * common of them ("Behavioural Economics Lab", "Behavioural Economics Theory" → "Behavioural Economics"), or,
 * without one, the shared words in the order they take in the names. Without such words the community is named after its central member: "Around Ada Lovelace (12)".
 */
final class CommunityNamer {
    /** The central members checked for the shared words: the first in member order. */
    static final int CENTRAL = 10;
    /** At most this many words in a name. */
    static final int MAX_WORDS = 3;
    /** A shared word has at least this share of its graph-wide occurrences inside the community. */
    private static final double DISTINCTIVE = 0.6;
    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}'’-]+");
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "at", "by", "de", "for", "in", "of",
            "on", "or", "the", "to", "with", "&", "-");

    /** Per lower-case word: the number of names in the whole graph that have it. */
    private final Map<String, Integer> namesWithWord = new HashMap<>();

    /** @param allNames the names of every entity of the graph (for how common a word is overall) */
    CommunityNamer(Iterable<String> allNames) {
        for (String name : allNames) {
            for (String w : words(name).keySet()) {
                namesWithWord.merge(w, 1, Integer::sum);
            }
        }
    }

    /** The name of a community whose member names are {@code members}, central member first. */
    String name(List<String> members) {
        int size = members.size();
        if (size == 0) {
            return "Empty community";
        }
        if (size == 1) {
            return members.getFirst();
        }
        String theme = sharedWords(members);
        return (theme.isEmpty() ? "Around " + members.getFirst() : theme) + " (" + size + ")";
    }

    /** The shared words in their usual order in the names, or "" when the members share none. */
    String sharedWords(List<String> members) {
        Map<String, Word> found = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            for (Map.Entry<String, Word> e : words(members.get(i)).entrySet()) {
                Word w = found.computeIfAbsent(e.getKey(), k -> new Word(e.getValue().shown));
                w.names++;
                w.positionSum += e.getValue().positionSum;
                if (i < CENTRAL) {
                    w.central++;
                }
            }
        }
        List<Word> shared = new ArrayList<>();
        for (Map.Entry<String, Word> e : found.entrySet()) {
            Word w = e.getValue();
            int overall = namesWithWord.getOrDefault(e.getKey(), w.names);
            // three names at least (two in a community of two), so that two people called Ada name nothing
            boolean several = w.names >= Math.min(3, members.size())
                    && (w.central >= 2 || w.names * 4 >= members.size());
            if (several && w.names >= DISTINCTIVE * overall) {
                shared.add(w);
            }
        }
        if (shared.isEmpty()) {
            return "";
        }
        // the most common first (ties: the earlier in the names)
        shared.sort((a, b) -> a.names != b.names ? Integer.compare(b.names, a.names)
                : Double.compare(a.meanPosition(), b.meanPosition()));
        String phrase = phrase(members, shared.getFirst().shown);
        if (phrase.indexOf(' ') > 0) {
            return phrase;
        }
        // no common phrase: the words nearly as common as the most common one, in the order they take in names
        int best = shared.getFirst().names;
        List<Word> kept = new ArrayList<>();
        for (Word w : shared) {
            if (kept.size() < MAX_WORDS && w.names * 2 >= best) {
                kept.add(w);
            }
        }
        kept.sort((a, b) -> Double.compare(a.meanPosition(), b.meanPosition()));
        StringBuilder s = new StringBuilder();
        for (Word w : kept) {
            s.append(s.isEmpty() ? "" : " ").append(w.shown);
        }
        return s.toString();
    }

    /**
     * The common prefix that starts at {@code word}: the next word is added while two thirds of the names with
     * the phrase go on with it ("Game Theory Lab", "Game Theory Methods" → "Game Theory", though "Theory" is in
     * every group's topics).
     */
    private static String phrase(List<String> members, String word) {
        List<String[]> tails = new ArrayList<>();
        for (String m : members) {
            String[] tokens = SPLIT.split(m.strip());
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i].equalsIgnoreCase(word)) {
                    tails.add(java.util.Arrays.copyOfRange(tokens, i, tokens.length));
                    break;
                }
            }
        }
        List<String> phrase = new ArrayList<>(List.of(word));
        for (int depth = 1; depth <= MAX_WORDS; depth++) {
            Map<String, Integer> next = new HashMap<>();
            for (String[] t : tails) {
                if (t.length > depth) {
                    next.merge(t[depth], 1, Integer::sum);
                }
            }
            Map.Entry<String, Integer> top = next.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
            if (top == null || top.getValue() * 3 < tails.size() * 2 || top.getKey().chars().allMatch(Character::isDigit)
                    || depth == MAX_WORDS) {
                break;
            }
            String chosen = top.getKey();
            int at = depth;
            phrase.add(chosen);
            tails.removeIf(t -> t.length <= at || !t[at].equals(chosen));
        }
        // "Centre of" is no name: no stop word at the end
        while (phrase.size() > 1 && STOP_WORDS.contains(phrase.getLast().toLowerCase(Locale.ROOT))) {
            phrase.removeLast();
        }
        return String.join(" ", phrase);
    }

    /** The distinct words of a name by lower-case form, each with its first spelling and position. */
    private static Map<String, Word> words(String name) {
        Map<String, Word> words = new LinkedHashMap<>();
        if (name == null) {
            return words;
        }
        String[] tokens = SPLIT.split(name.strip());
        for (int p = 0; p < tokens.length; p++) {
            String t = tokens[p];
            String key = t.toLowerCase(Locale.ROOT);
            if (t.length() < 2 || STOP_WORDS.contains(key) || t.chars().allMatch(Character::isDigit)) {
                continue;
            }
            if (!words.containsKey(key)) {
                Word w = new Word(t);
                w.positionSum = p;
                words.put(key, w);
            }
        }
        return words;
    }

    /** A word of the member names: how many names have it, how many of the central ones, where it stands. */
    private static final class Word {
        final String shown;
        int names;
        int central;
        double positionSum;

        Word(String shown) {
            this.shown = shown;
        }

        double meanPosition() {
            return names == 0 ? positionSum : positionSum / names;
        }
    }
}
