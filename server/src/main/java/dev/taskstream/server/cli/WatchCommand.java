package dev.taskstream.server.cli;

import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import dev.taskstream.shared.tracking.TaskTracker;
import dev.taskstream.shared.tracking.TrackedTask;
import dev.taskstream.shared.tracking.TrackedTask.Connection;
import dev.taskstream.shared.tracking.TrackingOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code watch TASK_ID}: a live progress bar in the terminal, fed by a {@link TaskTracker}: the task's SSE stream,
 * or polling when the stream cannot be had (as in the desktop app).
 */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Follow a task live until it ends. Exit code: 0 completed, 1 failed, 3 cancelled, "
                + "4 no such task, 5 server unreachable or stream error.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:completed", "1:failed", "2:bad usage", "3:cancelled", "4:no such task",
                "5:server unreachable or stream error"})
public final class WatchCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int CANCELLED = 3;
    static final int NOT_FOUND = 4;
    static final int UNREACHABLE = 5;
    private static final int BAR_WIDTH = 30;

    @Parameters(paramLabel = "TASK_ID", description = "The task's id (a UUID).")
    String taskId;

    @Option(names = {"--server", "--url"}, defaultValue = "${env:TASKSTREAM_URL:-http://127.0.0.1:8000}",
            description = "Server base URL, as the desktop app's --server (env TASKSTREAM_URL, default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--json", description = "On completion, print the task's raw result as JSON instead of a summary.")
    boolean json;

    @Option(names = "--token", defaultValue = "${env:TASKSTREAM_TOKEN}",
            description = "Bearer token, when the server requires one (env TASKSTREAM_TOKEN).")
    String token;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        UUID id;
        try {
            id = UUID.fromString(taskId);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "TASK_ID must be a UUID like 123e4567-e89b-12d3-a456-426614174000, got '" + taskId + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine line = new ProgressLine(out, System.console() != null);
        TaskstreamClient client = TaskstreamClient.create(url, token == null || token.isBlank() ? null : token);
        // Ask once over REST first: an unreachable server or an unknown task is reported at once,
        // while a stream that drops later is reconnected (with Last-Event-ID) for as long as it takes.
        try {
            client.getTask(id);
        } catch (ApiException e) {
            err.println("error: " + e.getMessage());
            return e.isNotFound() ? NOT_FOUND : UNREACHABLE;
        }
        TrackedTask end;
        try (TaskTracker tracker = TaskTracker.start(client, id, TrackingOptions.defaults(), Instant::now,
                new Renderer(line))) {
            end = tracker.over().get();
        }
        if (end.notFound()) {
            err.println("error: no task with id " + id + " on " + url);
            return NOT_FOUND;
        }
        return finished(end, line, out);
    }

    private int finished(TrackedTask task, ProgressLine line, PrintWriter out) {
        line.show(task.progress(), task.message());
        line.end();
        switch (task.status()) {
            case COMPLETED -> {
                String shown = json ? (task.result() == null ? "" : task.result().toString()) : ResultSummary.of(task.result());
                out.println("completed" + (shown.isEmpty() ? "" : ": " + shown));
                return 0;
            }
            case CANCELLED -> {
                out.println("cancelled");
                return CANCELLED;
            }
            default -> {
                out.println("failed: " + task.error());
                return FAILED;
            }
        }
    }

    /**
     * Draws the tracker's snapshots: the bar on progress, a note when the stream drops or the watch falls back to
     * polling (once per change of connection).
     */
    private record Renderer(ProgressLine line, AtomicReference<Connection> shown) implements Consumer<TrackedTask> {
        Renderer(ProgressLine line) {
            this(line, new AtomicReference<>(Connection.CONNECTING));
        }

        @Override
        public void accept(TrackedTask t) {
            Connection was = shown.getAndSet(t.connection());
            if (t.connection() != was) {
                switch (t.connection()) {
                    case RECONNECTING -> line.note("connection lost; reconnecting...");
                    case POLLING -> line.note(t.connectionDetail());
                    case OFFLINE -> line.note("server not answering; still trying...");
                    default -> {
                    }
                }
            }
            if (t.status() != null && !t.isOver()) {
                line.show(t.progress(), t.message());
            }
        }
    }

    /** One redrawn line on a terminal; one line per change when the output is not a terminal. */
    static final class ProgressLine {
        private final PrintWriter out;
        private final boolean terminal;
        private String last = "";

        ProgressLine(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        synchronized void show(int percent, String message) {
            int filled = Math.max(0, Math.min(BAR_WIDTH, percent * BAR_WIDTH / 100));
            String text = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                    + String.format("%3d%%", percent) + "  " + (message == null ? "" : message);
            if (text.equals(last)) {
                return;
            }
            if (terminal) {
                out.print("\r" + text + " ".repeat(Math.max(0, last.length() - text.length())));
            } else {
                out.println(text);
            }
            out.flush();
            last = text;
        }

        synchronized void note(String message) {
            end();
            out.println(message);
            out.flush();
        }

        synchronized void end() {
            if (terminal && !last.isEmpty()) {
                out.println();
                last = "";
            }
        }
    }
}
