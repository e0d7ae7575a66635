package dev.taskstream.app.communities;

import dev.taskstream.app.communitymap.CommunityPalette;
import dev.taskstream.shared.api.CommunityView;
import java.util.List;
import javafx.scene.chart.XYChart;

/**
 * The chart's data: horizontal bars, largest on top, each labelled with its rank and the community's name without
 * its size, cut at the first list separator (names such as "Ecology Lab, Ecology Theory &amp; 130 more" do not fit
 * beside a bar).
 */
final class SizeChart {
    private SizeChart() {
    }

    static XYChart.Series<Number, String> series(List<CommunityView> largestFirst) {
        XYChart.Series<Number, String> series = new XYChart.Series<>();
        for (int i = largestFirst.size() - 1; i >= 0; i--) { // a vertical category axis runs bottom to top
            CommunityView c = largestFirst.get(i);
            series.getData().add(new XYChart.Data<>(c.memberCount(), label(i + 1, c)));
        }
        return series;
    }

    /** Each bar in its community's colour on the map; call once the series is in the chart (it has its bars). */
    static void paint(XYChart.Series<Number, String> series) {
        List<XYChart.Data<Number, String>> bars = series.getData();
        for (int rank = 0; rank < bars.size(); rank++) { // the bar of rank r is item size-1-r
            bars.get(bars.size() - 1 - rank).getNode().setStyle("-fx-background-color: "
                    + CommunityPalette.web(rank) + ";");
        }
    }

    static String label(int rank, CommunityView c) {
        // without the size in the name ("Genomics (3512)"): the bar's length and the axis say it
        String name = c.name() == null || c.name().isBlank() ? c.id() : CommunityRows.name(c);
        int cut = name.length();
        for (String separator : List.of(", ", " & ")) {
            int at = name.indexOf(separator);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        String shortName = name.substring(0, cut);
        if (shortName.length() > 22) {
            shortName = shortName.substring(0, 21) + "…";
        }
        return rank + ". " + shortName;
    }
}
