package dev.taskstream.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version from the POM, filtered into {@code taskstream-version.properties} at build time. */
public final class Version {
    private Version() {
    }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/taskstream-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
