package dev.taskstream.installer;

import dev.taskstream.app.DesktopApp;

/**
 * Main class of the {@code taskstream} launcher in the app-image.
 *
 * <p>{@link DesktopApp} extends {@code javafx.application.Application}; when such a class is the launcher's main
 * class, the Java launcher starts the JavaFX toolkit <em>before</em> {@code main} runs, so even
 * {@code taskstream --help} or a mistyped option would need a display. This class is not an Application: it hands
 * the arguments, unchanged, to {@link DesktopApp#main}, which prints usage and errors on the terminal and only then
 * starts JavaFX.
 */
public final class DesktopLauncher {
    private DesktopLauncher() {
    }

    public static void main(String[] args) {
        DesktopApp.main(args);
    }
}
