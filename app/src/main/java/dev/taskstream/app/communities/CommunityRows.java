package dev.taskstream.app.communities;

import dev.taskstream.shared.api.CommunityView;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a row of the communities table shows. The server names a community with its size ("Genomics (3512)") and
 * lists its best-connected members, which in a real graph are often named like the community ("Genomics Lab"):
 * shown as they come, the table would say the size twice and the name three times. So the name column drops the
 * size (the Members column has it) and the Top members column leaves out members named like the community.
 */
public final class CommunityRows {
    private static final Pattern SIZE_SUFFIX = Pattern.compile("\\s*\\((\\d+)\\)$");

    private CommunityRows() {
    }

    /** The name without a trailing "(N)" that repeats the member count. */
    public static String name(CommunityView c) {
        String name = c.name() == null ? "" : c.name();
        var m = SIZE_SUFFIX.matcher(name);
        if (m.find() && m.group(1).equals(Integer.toString(c.memberCount())) && m.start() > 0) {
            return name.substring(0, m.start());
        }
        return name;
    }

    /** The top members not named like the community, joined with commas; all of them when every one is. */
    public static String otherTopMembers(CommunityView c) {
        List<String> top = c.topMembers() == null ? List.of() : c.topMembers();
        String theme = name(c).toLowerCase(Locale.ROOT);
        List<String> others = theme.isBlank() ? top
                : top.stream().filter(m -> m != null && !m.toLowerCase(Locale.ROOT).contains(theme)).toList();
        return String.join(", ", others.isEmpty() ? top : others);
    }

    /** The name's tooltip: the full name and the server's description. */
    public static String nameTooltip(CommunityView c) {
        return c.description() == null || c.description().isBlank() ? c.name() : c.name() + "\n\n" + c.description();
    }

    /** The list filter: a blank filter matches all; otherwise the name, description or a top member contains it. */
    static boolean matches(CommunityView c, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.strip().toLowerCase(Locale.ROOT);
        return contains(c.name(), f) || contains(c.description(), f)
                || c.topMembers() != null && c.topMembers().stream().anyMatch(m -> contains(m, f));
    }

    private static boolean contains(String s, String lowerCaseNeedle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
    }
}
