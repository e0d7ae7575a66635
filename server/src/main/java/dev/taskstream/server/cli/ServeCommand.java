package dev.taskstream.server.cli;

import dev.taskstream.server.TaskTypes;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.config.SafeDefaults;
import dev.taskstream.server.config.ServerSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: runs the HTTP API, the task engine and the stream pipeline until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Run the Taskstream server. Every option can also be set by the environment variable shown.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "${env:TASKSTREAM_HOST:-127.0.0.1}",
            description = "Address to listen on: 127.0.0.1 or ::1 (this machine), 0.0.0.0 or :: (every interface; "
                    + "needs --token), an IPv6 address with or without brackets (env TASKSTREAM_HOST, "
                    + "default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:TASKSTREAM_PORT:-8000}",
            description = "Port; 0 picks a free one (env TASKSTREAM_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @picocli.CommandLine.Mixin
    DatabaseOptions db;

    @Option(names = "--demo", defaultValue = "${env:TASKSTREAM_DEMO:-false}",
            description = "Load the demo knowledge graph into project 'demo' (env TASKSTREAM_DEMO).")
    boolean demo;

    @Option(names = "--token", defaultValue = "${env:TASKSTREAM_TOKEN}",
            description = "Require 'Authorization: Bearer TOKEN' on every endpoint but health (env TASKSTREAM_TOKEN).")
    String token;

    @Option(names = "--token-file", defaultValue = "${env:TASKSTREAM_TOKEN_FILE}",
            description = "Read the token from the first line of this file instead (env TASKSTREAM_TOKEN_FILE).")
    java.nio.file.Path tokenFile;

    @Option(names = "--insecure", defaultValue = "false",
            description = "Allow listening on a non-loopback address without a token.")
    boolean insecure;

    @Option(names = "--cors-origin", split = ",", defaultValue = "${env:TASKSTREAM_CORS_ORIGINS}",
            description = "Origin allowed to call the API from a browser, scheme://host[:port], e.g. "
                    + "https://ops.example.com ('null' and '*' are refused); repeatable "
                    + "(env TASKSTREAM_CORS_ORIGINS, comma-separated; default: none, CORS off).")
    java.util.List<String> corsOrigins;

    @Option(names = "--max-streams-per-client", defaultValue = "${env:TASKSTREAM_MAX_STREAMS_PER_CLIENT:-256}",
            description = "Open streams allowed per client address; 0 for no limit (env "
                    + "TASKSTREAM_MAX_STREAMS_PER_CLIENT, default ${DEFAULT-VALUE}).")
    int maxStreamsPerClient;

    @Option(names = "--max-streams", defaultValue = "${env:TASKSTREAM_MAX_STREAMS:-20000}",
            description = "Open streams allowed in total; 0 for no limit (env TASKSTREAM_MAX_STREAMS, "
                    + "default ${DEFAULT-VALUE}).")
    int maxStreams;

    @Option(names = "--max-params-bytes", defaultValue = "${env:TASKSTREAM_MAX_PARAMS_BYTES:-1048576}",
            description = "Largest task params accepted, in bytes of JSON; larger ones get 413 (env "
                    + "TASKSTREAM_MAX_PARAMS_BYTES, default ${DEFAULT-VALUE}).")
    int maxParamsBytes;

    @Option(names = "--workers", defaultValue = "${env:TASKSTREAM_WORKERS:-2}",
            description = "Worker threads running tasks in this process (env TASKSTREAM_WORKERS, default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--max-body-mb", defaultValue = "${env:TASKSTREAM_MAX_BODY_MB:-1024}",
            description = "Largest request body, e.g. a graph import, in MiB; imports are spooled to disk, not held in "
                    + "memory (env TASKSTREAM_MAX_BODY_MB, default ${DEFAULT-VALUE}).")
    int maxBodyMb;

    @Option(names = "--lease-seconds", defaultValue = "${env:TASKSTREAM_LEASE_SECONDS:-30}",
            description = "Lease of a running task; a task whose worker stops renewing it fails after this long "
                    + "(env TASKSTREAM_LEASE_SECONDS, default ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--heartbeat-seconds", defaultValue = "${env:TASKSTREAM_HEARTBEAT_SECONDS:-15}",
            description = "Interval of ': ping' comments on idle streams (env TASKSTREAM_HEARTBEAT_SECONDS, "
                    + "default ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Option(names = "--progress-rate", defaultValue = "${env:TASKSTREAM_PROGRESS_RATE:-20}",
            description = "Progress steps written per second per task at most; faster steps are merged (the "
                    + "latest wins; first, last and new-stage steps always written); 0 writes every step "
                    + "(env TASKSTREAM_PROGRESS_RATE, default ${DEFAULT-VALUE}).")
    int progressRate;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ServerSettings settings = settings();
        TaskstreamServer server = TaskstreamServer.start(settings, TaskTypes.production());
        spec.commandLine().getOut().println("Taskstream server listening on " + server.baseUrl());
        spec.commandLine().getOut().flush();
        GracefulStop.awaitSignalThenClose(server);
        return 0;
    }

    ServerSettings settings() {
        requireRange("--port", port, 0, 65535);
        requireRange("--workers", workers, 0, 64);
        requireRange("--lease-seconds", leaseSeconds, 1, 86_400);
        requireRange("--heartbeat-seconds", heartbeatSeconds, 1, 3_600);
        requireRange("--max-streams-per-client", maxStreamsPerClient, 0, 1_000_000);
        requireRange("--max-streams", maxStreams, 0, 1_000_000);
        requireRange("--max-body-mb", maxBodyMb, 1, 1 << 20);
        requireRange("--max-params-bytes", maxParamsBytes, 2, 64 * 1024 * 1024);
        requireRange("--progress-rate", progressRate, 0, 1_000);
        String url = db.urlOrDefault(spec.commandLine());
        usage(SafeDefaults.hostProblem(host));
        java.util.List<String> origins = corsOrigins == null ? java.util.List.of()
                : corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        origins.forEach(o -> usage(SafeDefaults.corsOriginProblem(o)));
        return ServerSettings.defaults(url)
                .withHost(host)
                .withPort(port)
                .withDb(url, db.user, db.password)
                .withDemo(demo)
                .withToken(token())
                .withInsecure(insecure)
                .withCorsOrigins(origins)
                .withWorkers(workers)
                .withLease(Duration.ofSeconds(leaseSeconds))
                .withHeartbeat(Duration.ofSeconds(heartbeatSeconds))
                .withStreamLimits(maxStreamsPerClient, maxStreams)
                .withMaxBodyBytes((long) maxBodyMb << 20)
                .withMaxParamsBytes(maxParamsBytes)
                .withProgressRate(progressRate);
    }

    private String token() {
        if (tokenFile == null) {
            return blankToNull(token); // stripped: whitespace pasted around a token is not part of it
        }
        try {
            String first = java.nio.file.Files.readAllLines(tokenFile).stream().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--token-file " + tokenFile + " is empty");
            }
            return first;
        } catch (java.io.IOException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "cannot read --token-file " + tokenFile + ": " + e.getMessage());
        }
    }

    private void requireRange(String option, int value, int min, int max) {
        usage(value < min || value > max ? option + " must be from " + min + " to " + max + ", got " + value : null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A refused setting is a usage error: the message, then the usage. */
    private void usage(String problem) {
        if (problem != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), problem);
        }
    }
}
