package dev.taskstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link BenchServerMain} in its own JVM, started with this JVM's java and classpath. */
public final class ChildServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+) node (\\S+) pid (\\d+)");

    private final Process process;
    private final URI baseUrl;
    private final String nodeId;
    private final long pid;
    private final Path log;
    private final Map<String, Long> ended = new ConcurrentHashMap<>();

    private ChildServer(Process process, URI baseUrl, String nodeId, long pid, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.nodeId = nodeId;
        this.pid = pid;
        this.log = log;
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** This code's jar when it runs from one (java -jar), else the JVM's class path (tests, IDEs). */
    static String classpath() {
        try {
            Path p = Path.of(BenchServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().toString();
            }
        } catch (Exception e) {
            // fall back below
        }
        return System.getProperty("java.class.path");
    }

    static ChildServer start(BenchDatabase db, int workers, List<String> jvmOptions) throws Exception {
        return launch(jvmOptions, BenchServerMain.class,
                List.of(db.url(), db.user() == null ? "-" : db.user(), Integer.toString(workers)), db.password());
    }

    /** A {@link BaselineBroadcaster} child: on {@code go}, it emits {@code events} events {@code intervalMs} apart. */
    static ChildServer startBaseline(int events, int intervalMs, int maxQueued, List<String> jvmOptions)
            throws Exception {
        return launch(jvmOptions, BaselineBroadcaster.class,
                List.of(Integer.toString(events), Integer.toString(intervalMs), Integer.toString(maxQueued)), null);
    }

    private static ChildServer launch(List<String> jvmOptions, Class<?> main, List<String> args, String dbPassword)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable().toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(main.getName());
        cmd.addAll(args);
        Path log = Files.createTempFile("taskstream-bench-child", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(log.toFile());
        pb.environment().put("TASKSTREAM_LOG_LEVEL", "WARN");
        if (dbPassword != null) {
            pb.environment().put("TASKSTREAM_DB_PASSWORD", dbPassword);
        }
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            Matcher m = awaitLine(out, LISTENING, 120);
            ChildServer child = new ChildServer(p, URI.create(m.group(1)), m.group(2), Long.parseLong(m.group(3)), log);
            // A platform thread: a blocking pipe read holds a virtual thread's carrier, and with one drain per
            // child the two carriers of a 2-core machine were taken, so the bench's HTTP calls never ran.
            Thread.ofPlatform().daemon().name("bench-child-output").start(() -> child.readOutput(out));
            return child;
        } catch (Exception e) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("child server did not start: " + tail(log), e);
        }
    }

    /**
     * Reads a child process's output until a line matches {@code pattern} (e.g. its "listening on"
     * line), for at most {@code seconds}; fails if the process ends first.
     */
    public static Matcher awaitLine(BufferedReader out, Pattern pattern, long seconds) throws Exception {
        CompletableFuture<Matcher> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("the process exited before printing a line like " + pattern);
        });
        return found.get(seconds, TimeUnit.SECONDS);
    }

    /** Keeps the reports of {@link EndedTasks}; drops every other line. */
    private void readOutput(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                EndedTasks.read(line, ended);
            }
        } catch (IOException e) {
            // gone
        }
    }

    /** Tasks of {@code project} that ended in this child, as it last reported (0 before its first report). */
    long ended(String project) {
        return ended.getOrDefault(project, 0L);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The lines of the child's log (its stderr) that contain {@code text}, so far; empty when it cannot be read. */
    List<String> logLines(String text) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    URI baseUrl() {
        return baseUrl;
    }

    String nodeId() {
        return nodeId;
    }

    long pid() {
        return pid;
    }

    /** Opens the named gate in the child (its waiting bench tasks start). */
    void go(String gate) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(("go " + gate + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Resident set size of the child in bytes (Linux), or -1. */
    long residentBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** Asks the child JVM for a full GC ({@code jcmd PID GC.run}); false when jcmd is not there. */
    boolean gc() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close(); // the child stops gracefully when its stdin closes
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // temp file
        }
    }
}
