package dev.taskstream.app.connection;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the connect dialog remembers between runs (java.util.prefs): the last server URL, the last project and, only
 * when the user asks for it, the token (stored in the user's preferences in plain text).
 */
public final class ConnectionSettings {
    private static final String URL = "serverUrl";
    private static final String TOKEN = "token";
    private static final String PROJECT = "project";

    private final Preferences prefs;

    public ConnectionSettings(Preferences prefs) {
        this.prefs = prefs;
    }

    public static ConnectionSettings forCurrentUser() {
        return new ConnectionSettings(Preferences.userRoot().node("dev/taskstream/desktop"));
    }

    public String serverUrl() {
        return prefs.get(URL, "http://127.0.0.1:8000");
    }

    public String token() {
        return prefs.get(TOKEN, "");
    }

    public String project() {
        return prefs.get(PROJECT, "");
    }

    public void save(String serverUrl, String token, boolean rememberToken, String project) {
        prefs.put(URL, serverUrl);
        if (rememberToken && token != null && !token.isBlank()) {
            prefs.put(TOKEN, token);
        } else {
            prefs.remove(TOKEN);
        }
        if (project != null) {
            prefs.put(PROJECT, project);
        }
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // remembering is a convenience
        }
    }
}
