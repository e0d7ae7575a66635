package dev.taskstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskstream.server.community.CsrGraph;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code igraph_compare.py}: python-igraph's algorithms on the same edge list as Taskstream's, in a child
 * process, each giving its time, community count and membership. The community comparison and the quality sweep
 * both put igraph beside Taskstream this way.
 */
final class IgraphScript {
    /** The script's exit code when python-igraph is not installed. */
    static final int NOT_INSTALLED = 3;

    /** One algorithm's run: its name as the script reports it, its seconds, communities and membership. */
    record Result(String algorithm, double seconds, int communities, int[] membership) {
    }

    /**
     * What a run gave: its results (possibly some before a failure) and, when something went wrong, a line saying
     * what ({@code notInstalled}: python-igraph is missing, so further runs need not try).
     */
    record Outcome(List<Result> results, String problem, boolean notInstalled) {
    }

    private IgraphScript() {
    }

    static Outcome run(String python, CsrGraph graph, long seed, String algorithms) {
        Path dir = null;
        List<Result> results = new ArrayList<>();
        try {
            dir = Files.createTempDirectory("taskstream-igraph");
            Path script = dir.resolve("igraph_compare.py");
            try (InputStream in = IgraphScript.class.getResourceAsStream("/bench/igraph_compare.py")) {
                Files.copy(in, script);
            }
            Path graphFile = dir.resolve("graph.txt");
            writeGraph(graph, graphFile);
            Process p = new ProcessBuilder(python, script.toString(), graphFile.toString(), dir.toString(),
                    Long.toString(seed), algorithms).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ObjectMapper json = new ObjectMapper();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    JsonNode result = json.readTree(line);
                    String algorithm = result.get("algorithm").asText();
                    results.add(new Result(algorithm, result.get("seconds").asDouble(), result.get("communities").asInt(),
                            readMembership(dir.resolve(algorithm + ".txt"), graph.nodeCount())));
                }
            }
            int exit = p.waitFor();
            if (exit == NOT_INSTALLED) {
                return new Outcome(results, "igraph: not run (python-igraph missing for " + python
                        + "; Debian: apt-get install python3-igraph python3-leidenalg)", true);
            }
            return new Outcome(results, exit == 0 ? null
                    : "igraph: script failed with exit code " + exit + " (see its error output above)", false);
        } catch (IOException e) {
            return new Outcome(List.of(), "igraph: not run (" + e.getMessage() + ")", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(List.of(), null, false);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Node count, then each undirected edge once with its summed weight. */
    static void writeGraph(CsrGraph graph, Path file) throws IOException {
        int[] offsets = graph.offsets();
        int[] neighbors = graph.neighbors();
        double[] weights = graph.weights();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(Integer.toString(graph.nodeCount()));
            w.newLine();
            for (int v = 0; v < graph.nodeCount(); v++) {
                for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                    if (v < neighbors[e]) {
                        w.write(v + " " + neighbors[e] + " " + weights[e]);
                        w.newLine();
                    }
                }
            }
        }
    }

    private static int[] readMembership(Path file, int nodes) throws IOException {
        int[] membership = new int[nodes];
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (int v = 0; v < nodes; v++) {
                membership[v] = Integer.parseInt(r.readLine().strip());
            }
        }
        return membership;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless
        }
    }
}
