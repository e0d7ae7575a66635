package dev.taskstream.bench;

import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.ServerSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of a benchmark's child server process: a {@link TaskstreamServer} with the bench task
 * types. {@code BenchServerMain DB_URL DB_USER|- WORKERS}. Prints {@code Taskstream server listening on
 * URL node NODE pid PID}, then the tasks that ended per project ({@link EndedTasks}); reads {@code go GATE}
 * lines from standard input and exits when it closes, so a child never outlives its benchmark.
 */
public final class BenchServerMain {
    private BenchServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BenchServerMain DB_URL DB_USER|- WORKERS");
            System.exit(2);
        }
        String user = args[1].equals("-") ? null : args[1];
        ServerSettings settings = ServerSettings.defaults(args[0])
                .withDb(args[0], user, System.getenv("TASKSTREAM_DB_PASSWORD")).withPort(0)
                .withWorkers(Integer.parseInt(args[2]))
                .withStreamLimits(0, 0) // the benchmark's thousands of streams all come from one address
                .withMaxBodyBytes(Long.MAX_VALUE) // bench import uploads 10^7-edge files
                .withProgressRate(0); // fan-out sends every event at the rate it asks for: none merged
        EndedTasks ended = new EndedTasks();
        TaskstreamServer server = TaskstreamServer.start(settings, BenchHandlers.registry(), ended);
        System.out.println("Taskstream server listening on " + server.baseUrl() + " node " + server.nodeId()
                + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        ended.reportTo(System.out);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("go ")) {
                Gates.open(line.substring(3).trim());
            }
        }
        server.close();
        System.exit(0);
    }
}
