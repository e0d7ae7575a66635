package dev.taskstream.app;

import java.util.List;

/**
 * Command line of the desktop app.
 * <ul>
 *   <li>no arguments: demo mode (embedded server, project {@code demo})</li>
 *   <li>{@code --server URL [--token T] [--project P]}: remote mode; the connect screen is pre-filled and connects at
 *       once; with {@code --project} the project opens as soon as the server answers</li>
 *   <li>{@code --connect}: remote mode with the remembered server</li>
 * </ul>
 */
public record AppArgs(boolean remote, String serverUrl, String token, String project, boolean help) {

    public static final String USAGE = """
            Usage: taskstream-desktop [--server URL [--token T] [--project P]] [--connect] [--help]

              (no options)     demo mode: starts an embedded server with a demo knowledge graph
              --server URL     connect to a running Taskstream server, e.g. http://127.0.0.1:8000
              --token T        bearer token for that server (also TASKSTREAM_TOKEN)
              --project P      open this project directly
              --connect        show the connect screen with the remembered server
            """;

    public static AppArgs parse(List<String> args) {
        String server = null;
        String token = System.getenv("TASKSTREAM_TOKEN");
        String project = null;
        boolean connect = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--server" -> server = value(args, ++i, a);
                case "--token" -> token = value(args, ++i, a);
                case "--project" -> project = value(args, ++i, a);
                case "--connect" -> connect = true;
                case "-h", "--help" -> {
                    return new AppArgs(false, null, null, null, true);
                }
                default -> {
                    if (a.startsWith("--server=")) {
                        server = a.substring("--server=".length());
                    } else if (a.startsWith("--token=")) {
                        token = a.substring("--token=".length());
                    } else if (a.startsWith("--project=")) {
                        project = a.substring("--project=".length());
                    } else {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                }
            }
        }
        return new AppArgs(connect || server != null, server, token, project, false);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
