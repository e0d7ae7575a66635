package dev.taskstream.server;

import dev.taskstream.server.community.CommunityMapRoutes;
import dev.taskstream.server.community.CommunityRoutes;
import dev.taskstream.server.community.CommunityStore;
import dev.taskstream.server.community.RebuildCommunitiesHandler;
import dev.taskstream.server.config.SafeDefaults;
import dev.taskstream.server.config.ServerSettings;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.DatabaseProbe;
import dev.taskstream.server.db.Dialect;
import dev.taskstream.server.db.Redact;
import dev.taskstream.server.graph.DemoGraph;
import dev.taskstream.server.graph.DemoImport;
import dev.taskstream.server.graph.GraphImporter;
import dev.taskstream.server.graph.GraphRoutes;
import dev.taskstream.server.graph.GraphStore;
import dev.taskstream.server.graph.ImportGraphHandler;
import dev.taskstream.server.graph.UploadSpool;
import dev.taskstream.server.http.HealthRoutes;
import dev.taskstream.server.http.HttpApi;
import dev.taskstream.server.metrics.Metrics;
import dev.taskstream.server.project.ProjectRoutes;
import dev.taskstream.server.project.ProjectStore;
import dev.taskstream.server.stream.EventBus;
import dev.taskstream.server.stream.PgEventListener;
import dev.taskstream.server.stream.StreamSettings;
import dev.taskstream.server.stream.TaskStreamRoutes;
import dev.taskstream.server.task.EngineSettings;
import dev.taskstream.server.task.TaskEngine;
import dev.taskstream.server.task.TaskEventListener;
import dev.taskstream.server.task.TaskEventLog;
import dev.taskstream.server.task.TaskLifecycle;
import dev.taskstream.server.task.TaskRegistry;
import dev.taskstream.server.task.TaskRoutes;
import dev.taskstream.server.task.TaskService;
import dev.taskstream.server.task.TaskStorage;
import dev.taskstream.shared.api.TaskStatus;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One server process: database, task engine, event pipeline and HTTP API, started and stopped together. */
public final class TaskstreamServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskstreamServer.class);

    private final ServerSettings settings;
    private final String nodeId;
    private final Database db;
    private final DatabaseProbe probe;
    private final TaskStorage storage;
    private final TaskEngine engine;
    private final TaskService tasks;
    private final ProjectStore projects;
    private final GraphStore graphs;
    private final UploadSpool spool;
    private final Metrics metrics;
    private final EventBus bus;
    private final TaskStreamRoutes streamRoutes;
    private final PgEventListener pgListener;
    private final Javalin http;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private TaskstreamServer(ServerSettings settings, TaskRegistry givenTypes, TaskEventListener commitObserver) {
        SafeDefaults.check(settings);
        this.settings = settings;
        this.nodeId = newNodeId();
        Clock clock = Clock.systemUTC();
        this.db = Database.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword(),
                Math.max(4, settings.workers() + 4));
        DatabaseProbe readinessProbe = null;
        try {
            GraphImporter importer = new GraphImporter(db, clock);
            this.graphs = new GraphStore(db);
            CommunityStore communities = new CommunityStore(db, clock);
            this.spool = new UploadSpool(UploadSpool.defaultDirectory());
            int swept = spool.sweepDeadProcesses();
            if (swept > 0) {
                log.info("removed {} import upload(s) left by processes that are gone", swept);
            }
            TaskRegistry registry = withBuiltInTypes(givenTypes, communities, new ImportGraphHandler(importer, spool));
            if (settings.demo() && DemoGraph.loadIfEmpty(importer, graphs)) {
                log.info("loaded the demo knowledge graph into project '{}'", DemoGraph.PROJECT_ID);
            }
            // The metrics count the tasks in the storage (when scraped), whose sink is the bus, which counts into
            // the metrics: the metrics come first and ask this server for the counts.
            this.metrics = new Metrics(db::statementCount, this::tasksByStatus);
            this.bus = new EventBus(metrics);
            // The one sink of committed events: the observer (if any) times the commit before the bus
            // hands the event to stream clients.
            this.storage = TaskStorage.forDatabase(db, clock, nodeId, commitObserver.andThen(bus));
            TaskLifecycle lifecycle = new TaskLifecycle(storage);
            EngineSettings engineSettings = EngineSettings.defaults(settings.workers())
                    .withLease(settings.lease(), settings.lease().dividedBy(2))
                    .withProgressRate(settings.progressRate());
            this.engine = new TaskEngine(storage, lifecycle, registry, engineSettings, nodeId, clock);
            this.tasks = new TaskService(storage, lifecycle, registry, engine);
            this.projects = new ProjectStore(db, clock);
            this.pgListener = db.dialect() == Dialect.POSTGRES
                    ? new PgEventListener(db, storage, bus, nodeId, engine::wakeUp)
                    : null;
            StreamSettings streams = new StreamSettings(settings.heartbeat(), settings.retry(),
                    settings.streamBufferEvents(), settings.maxStreamsPerClient(), settings.maxStreams());

            List<Consumer<RoutesConfig>> routes = new ArrayList<>();
            readinessProbe = DatabaseProbe.start(db, clock);
            this.probe = readinessProbe;
            routes.add(new HealthRoutes(probe, metrics, nodeId, Version.current())::register);
            routes.add(new ProjectRoutes(projects)::register);
            this.streamRoutes = new TaskStreamRoutes(storage, bus, metrics, streams);
            routes.add(streamRoutes::register);
            routes.add(new TaskRoutes(tasks, settings.maxParamsBytes(), settings.maxBodyBytes())::register);
            routes.add(new GraphRoutes(spool, graphs, projects, tasks, settings.maxBodyBytes())::register);
            routes.add(new CommunityRoutes(communities, projects, tasks)::register);
            routes.add(new CommunityMapRoutes(communities, projects)::register);
            this.http = HttpApi.create(settings, routes);
            if (pgListener != null) {
                pgListener.start();
            }
            engine.start();
            http.start();
        } catch (RuntimeException | java.sql.SQLException | java.io.IOException e) {
            if (readinessProbe != null) {
                readinessProbe.close();
            }
            db.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
        log.info("node {} serving on {} with database {}", nodeId, baseUrl(), Redact.url(settings.dbUrl()));
    }

    /** Starts a server with the given task types; returns when it accepts connections. */
    public static TaskstreamServer start(ServerSettings settings, TaskRegistry registry) {
        return start(settings, registry, event -> { });
    }

    /**
     * Starts a server whose {@code commitObserver} hears of every local commit first, in the committing
     * thread, before the stream clients do (the latency benchmark times commits with it).
     */
    public static TaskstreamServer start(ServerSettings settings, TaskRegistry registry,
            TaskEventListener commitObserver) {
        return new TaskstreamServer(settings, registry, commitObserver);
    }

    public int port() {
        return http.port();
    }

    public String baseUrl() {
        return "http://" + (settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host()) + ":" + port();
    }

    public String nodeId() {
        return nodeId;
    }

    public TaskService tasks() {
        return tasks;
    }

    /**
     * Demo mode of the desktop app: submits the import of the demo graph (project {@code demo}) as an
     * {@code import_graph} task and returns its id, or empty when the project has entities already. Start the
     * server without {@link ServerSettings#withDemo} to use it.
     */
    public Optional<UUID> importDemoGraph() throws IOException {
        return DemoImport.submit(graphs, projects, spool, tasks);
    }

    public ProjectStore projects() {
        return projects;
    }

    public Database database() {
        return db;
    }

    public Metrics metrics() {
        return metrics;
    }

    public TaskEngine engine() {
        return engine;
    }

    public EventBus bus() {
        return bus;
    }

    /** The reads of this server's task event log (its {@link TaskStorage}). */
    public TaskEventLog events() {
        return storage;
    }

    private Map<TaskStatus, Long> tasksByStatus() {
        return storage.countByStatus();
    }

    /**
     * Graceful stop: stream clients are told and disconnected (they reconnect elsewhere and replay),
     * no new requests, running tasks requeued for another process, then the pool closes.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        bus.close();
        streamRoutes.awaitStreamsEnded(Duration.ofSeconds(2)); // their goodbye comments are written asynchronously
        engine.shutdown(Duration.ofSeconds(5));
        http.stop();
        streamRoutes.close();
        probe.close();
        if (pgListener != null) {
            pgListener.close();
        }
        db.close();
    }

    /**
     * The given task types plus the built-in ones that need this server's database
     * ({@code rebuild_communities}, {@code import_graph}), unless the caller registered its own under that name.
     */
    private TaskRegistry withBuiltInTypes(TaskRegistry given, CommunityStore communities, ImportGraphHandler imports) {
        TaskRegistry registry = new TaskRegistry();
        for (String name : given.names()) {
            registry.register(given.find(name).orElseThrow());
        }
        if (registry.find(RebuildCommunitiesHandler.NAME).isEmpty()) {
            registry.register(new RebuildCommunitiesHandler(db, communities));
        }
        if (registry.find(ImportGraphHandler.NAME).isEmpty()) {
            registry.register(imports);
        }
        return registry;
    }

    private static String newNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }
}
