package dev.taskstream.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link TestServerMain} in its own JVM, so that a test can SIGKILL it mid-task. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+) node (\\S+)");

    private final Process process;
    private final String baseUrl;
    private final String nodeId;

    private ServerProcess(Process process, String baseUrl, String nodeId) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.nodeId = nodeId;
    }

    public static ServerProcess start(TestDatabase db, long leaseMillis, int workers) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), TestServerMain.class.getName(), db.url(),
                db.user() == null ? "-" : db.user(), Long.toString(leaseMillis), Integer.toString(workers)));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            Matcher m = awaitLine(out, LISTENING, 60);
            return new ServerProcess(p, m.group(1), m.group(2));
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** Reads the child's output until a line matches {@code pattern}, for at most {@code seconds}; fails if it ends first. */
    private static Matcher awaitLine(BufferedReader out, Pattern pattern, long seconds) throws Exception {
        CompletableFuture<Matcher> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("the process exited before printing a line like " + pattern);
        });
        return found.get(seconds, TimeUnit.SECONDS);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String nodeId() {
        return nodeId;
    }

    /** SIGTERM: the graceful stop. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code, waiting up to {@code seconds}; -1 if still running. */
    public int exitCode(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: no shutdown hook, no lease release — as when a machine dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
