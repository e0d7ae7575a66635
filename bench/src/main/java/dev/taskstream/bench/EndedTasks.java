package dev.taskstream.bench;

import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskEventListener;
import dev.taskstream.shared.api.StreamEvents;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasks that ended in a child server, per project, counted from its own commits and reported on its standard
 * output ({@code ended PROJECT N}) every few milliseconds: the bench sees a burst end without asking the server
 * over HTTP or the database, which would add their work to the figures it measures (graphile-worker's workers
 * report their count to its script the same way).
 */
final class EndedTasks implements TaskEventListener {
    private static final Pattern LINE = Pattern.compile("^ended (\\S+) (\\d+)$");
    private static final long REPORT_MILLIS = 20;

    private final Map<String, LongAdder> ended = new ConcurrentHashMap<>();

    @Override
    public void committed(TaskEvent event) {
        if (event.projectId() != null && StreamEvents.isTerminal(event.name())) {
            ended.computeIfAbsent(event.projectId(), p -> new LongAdder()).increment();
        }
    }

    /** Prints each project's count when it changed, every {@value #REPORT_MILLIS} ms, on a daemon thread. */
    void reportTo(PrintStream out) {
        Thread.ofPlatform().daemon().name("bench-ended-report").start(() -> {
            Map<String, Long> reported = new HashMap<>();
            while (true) {
                boolean printed = false;
                for (Map.Entry<String, LongAdder> e : ended.entrySet()) {
                    long n = e.getValue().sum();
                    Long before = reported.put(e.getKey(), n);
                    if (before == null || before != n) {
                        out.println("ended " + e.getKey() + " " + n);
                        printed = true;
                    }
                }
                if (printed) {
                    out.flush();
                }
                try {
                    Thread.sleep(REPORT_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Reads a report line into {@code counts}; false for any other line. */
    static boolean read(String line, Map<String, Long> counts) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return false;
        }
        counts.put(m.group(1), Long.parseLong(m.group(2)));
        return true;
    }
}
