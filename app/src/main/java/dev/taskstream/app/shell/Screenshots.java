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
 * Debug hook: with {@code -Dtaskstream.screenshot=FILE.png} the app writes a snapshot of its window after
 * {@code taskstream.screenshot.delay} seconds (default 8), and exits when {@code taskstream.screenshot.exit=true}.
 * Used to produce docs/screenshot.png and to check a launch on a machine without a screen (Xvfb).
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static void scheduleIfRequested(Scene scene) {
        String file = System.getProperty("taskstream.screenshot");
        if (file == null || file.isBlank()) {
            return;
        }
        double delay = Double.parseDouble(System.getProperty("taskstream.screenshot.delay", "8"));
        PauseTransition wait = new PauseTransition(Duration.seconds(delay));
        wait.setOnFinished(e -> {
            try {
                write(scene, Path.of(file));
                System.out.println("screenshot written to " + Path.of(file).toAbsolutePath());
            } catch (IOException ex) {
                System.err.println("cannot write screenshot: " + ex.getMessage());
            }
            if (Boolean.getBoolean("taskstream.screenshot.exit")) {
                Platform.exit();
            }
        });
        wait.play();
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
