package dev.taskstream.app.demo;

import dev.taskstream.app.shell.LaunchClock;
import dev.taskstream.app.shell.MainView;
import dev.taskstream.app.shell.Screenshots;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskStatus;
import java.util.UUID;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;

/**
 * The demo's first minute, without a click: the task card shows the demo graph's import as it runs; when it has
 * completed the demo starts the first rebuild itself (with the server's defaults), whose progress the card shows
 * next; when that rebuild's communities are in the list, the app logs {@code communities shown after N ms} (from the
 * process's launch, as the first frame is logged) for {@code installer/first-frame.sh}.
 */
public final class DemoStart {
    private DemoStart() {
    }

    /** Call on the FX thread once the main view is in {@code scene}. */
    public static void follow(MainView main, Scene scene, UUID importTask) {
        boolean[] rebuildStarted = {false};
        main.taskCard().addFinishListener(t -> {
            if (importTask.equals(t.taskId()) && t.status() == TaskStatus.COMPLETED && !rebuildStarted[0]) {
                rebuildStarted[0] = true;
                main.communities().actions().rebuild(new RebuildRequest(null, null, null));
            }
        });
        ChangeListener<Number> shown = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (now.longValue() > 0) {
                    o.removeListener(this);
                    LaunchClock.logAtNextPulse(scene, "communities shown");
                    if (Screenshots.afterCommunities()) {
                        Screenshots.scheduleIfRequested(scene);
                    }
                }
            }
        };
        main.communities().list().totalProperty().addListener(shown);
        main.taskCard().attach(importTask);
    }
}
