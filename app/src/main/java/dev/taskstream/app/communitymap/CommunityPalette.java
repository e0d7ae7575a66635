package dev.taskstream.app.communitymap;

import javafx.scene.paint.Color;

/**
 * The one colour assignment of communities, shared by the size chart and the map: the ten largest (the chart's
 * bars) each have their own colour, by rank; smaller communities share a quiet grey, so a colour on the map always
 * points at one bar of the chart.
 */
public final class CommunityPalette {
    /** How many communities have a colour of their own: as many as the size chart shows. */
    public static final int DISTINCT = 10;

    private static final String[] WEB = {
        "#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444",
        "#8b5cf6", "#14b8a6", "#ec4899", "#84cc16", "#f97316",
    };
    private static final String OTHER = "#94a3b8";
    private static final Color[] COLORS = java.util.Arrays.stream(WEB).map(Color::web).toArray(Color[]::new);
    private static final Color OTHER_COLOR = Color.web(OTHER);

    private CommunityPalette() {
    }

    /** The colour of the community of this rank (0 = the largest). */
    public static Color color(int rank) {
        return rank >= 0 && rank < DISTINCT ? COLORS[rank] : OTHER_COLOR;
    }

    /** The same colour as CSS text, e.g. for a chart bar's style. */
    public static String web(int rank) {
        return rank >= 0 && rank < DISTINCT ? WEB[rank] : OTHER;
    }
}
