package dev.taskstream.app.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Debug hook: with {@code -Dtaskstream.screenshot=FILE.png} (or the environment variable
 * {@code TASKSTREAM_SCREENSHOT}) the app writes a snapshot of its window {@code taskstream.screenshot.delay}
 * ({@code TASKSTREAM_SCREENSHOT_DELAY}) seconds, default 8, after the window opens (in demo mode: after the main
 * view replaces the splash, or, with {@code taskstream.screenshot.at} ({@code TASKSTREAM_SCREENSHOT_AT}) set to
 * {@code communities}, after the demo's first communities are shown), and then exits when {@code taskstream.screenshot.exit} ({@code TASKSTREAM_SCREENSHOT_EXIT})
 * is true. Used to check a launch on a machine without a screen (Xvfb), by {@code installer/first-frame.sh} to time
 * the start-up and by the installer build's training run for the class-data archive.
 */
public final class Screenshots {
    private Screenshots() {
    }

    /** The demo's screenshot waits for the communities ({@code TASKSTREAM_SCREENSHOT_AT=communities}). */
    public static boolean afterCommunities() {
        return "communities".equals(setting("taskstream.screenshot.at", "TASKSTREAM_SCREENSHOT_AT", "main"));
    }

    public static void scheduleIfRequested(Scene scene) {
        String file = setting("taskstream.screenshot", "TASKSTREAM_SCREENSHOT", null);
        if (file == null || file.isBlank()) {
            return;
        }
        double delay = Double.parseDouble(setting("taskstream.screenshot.delay", "TASKSTREAM_SCREENSHOT_DELAY", "8"));
        boolean exit = Boolean.parseBoolean(setting("taskstream.screenshot.exit", "TASKSTREAM_SCREENSHOT_EXIT", "false"));
        PauseTransition wait = new PauseTransition(Duration.seconds(delay));
        wait.setOnFinished(e -> {
            try {
                write(scene, Path.of(file));
                System.out.println("screenshot written to " + Path.of(file).toAbsolutePath());
            } catch (IOException ex) {
                System.err.println("cannot write screenshot: " + ex.getMessage());
            }
            if (exit) {
                Platform.exit();
            }
        });
        wait.play();
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Writes the scene as PNG; call on the FX thread. */
    public static void write(Scene scene, Path file) throws IOException {
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader px = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, px.getArgb(x, y));
            }
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ImageIO.write(out, "png", file.toFile());
    }
}
