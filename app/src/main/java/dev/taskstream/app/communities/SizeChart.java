package dev.taskstream.app.communities;

import dev.taskstream.shared.api.CommunityView;
import java.util.List;
import javafx.scene.chart.XYChart;

/**
 * The chart's data: horizontal bars, largest on top, each labelled with its rank and the community's first (most
 * central) member, since names such as "Ecology Lab, Ecology Theory & 130 more" do not fit beside a bar.
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

    static String label(int rank, CommunityView c) {
        String name = c.name() == null || c.name().isBlank() ? c.id() : c.name();
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
