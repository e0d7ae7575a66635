package dev.taskstream.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text a client sends that could be stored: it must not hold U+0000 (Postgres refuses it in text and in jsonb, which
 * made a 500 out of a NUL in a project name or a task filter) or an unpaired surrogate (not a character: Postgres
 * stores it as '?', and it cannot be encoded as UTF-8). The import refuses the same two in its own reader; this class
 * checks every query parameter (see {@link #checkQuery}) and every string of a JSON body (see {@link #checkTree}), so
 * that no client text reaches the database unchecked. Also clips text on character boundaries.
 */
public final class StorableText {
    private StorableText() {
    }

    /**
     * The problem with {@code value} as stored text, or null when it has none: the position is in UTF-16 units, as
     * a client's JSON escapes count them.
     */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "contains the character U+0000 (NUL) at position " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                        + ") at position " + i + ", which is not a character";
            }
        }
        return null;
    }

    /** A 400 naming {@code what} when {@code value} cannot be stored as text. */
    public static void check(String what, String value) {
        String problem = value == null ? null : problem(value);
        if (problem != null) {
            throw ApiException.badRequest(what + " " + problem + "; send text without it");
        }
    }

    /** Every query parameter's name and values (as decoded); a before-handler for every route. */
    public static void checkQuery(Context ctx) {
        for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
            check("a query parameter's name", p.getKey());
            for (String v : p.getValue()) {
                check("query parameter '" + Requests.clip(p.getKey()) + "'", v);
            }
        }
    }

    /** Every field name and string value of a JSON body, named by its path ({@code params.labels[2]}). */
    public static void checkTree(JsonNode node, String path) {
        if (node.isTextual()) {
            check("field '" + Requests.clip(path) + "'", node.textValue());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                check("the name of field '" + Requests.clip(at) + "'", f.getKey());
                checkTree(f.getValue(), at);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkTree(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /**
     * {@code text} of at most {@code max} UTF-16 units: longer text is cut to {@code max - 3} and ends in "...". The
     * cut never splits a surrogate pair (an emoji is kept whole or dropped whole).
     */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}
