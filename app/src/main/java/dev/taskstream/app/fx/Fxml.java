package dev.taskstream.app.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.Objects;
import javafx.fxml.FXMLLoader;

/**
 * Loads the app's FXML views. Each controller takes its view model in its constructor, so the caller hands over
 * ready controllers; {@code fx:include}d files get theirs from the same map.
 */
public final class Fxml {
    private Fxml() {
    }

    /** Loads {@code name} (next to {@code owner}'s package) with the given controllers, one per controller class. */
    public static <T> T load(Class<?> owner, String name, Object... controllers) {
        Map<Class<?>, Object> byType = new java.util.HashMap<>();
        for (Object c : controllers) {
            byType.put(c.getClass(), c);
        }
        FXMLLoader loader = new FXMLLoader(resource(owner, name));
        loader.setControllerFactory(type -> Objects.requireNonNull(byType.get(type), () -> "no controller " + type));
        return load(loader, name);
    }

    /** Loads {@code name} with {@code controller} as its controller (the file names no {@code fx:controller}). */
    public static <T> T loadWith(Class<?> owner, String name, Object controller) {
        FXMLLoader loader = new FXMLLoader(resource(owner, name));
        loader.setController(controller);
        return load(loader, name);
    }

    private static URL resource(Class<?> owner, String name) {
        return Objects.requireNonNull(owner.getResource(name), () -> "no " + name + " next to " + owner.getName());
    }

    private static <T> T load(FXMLLoader loader, String name) {
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + name, e);
        }
    }
}
