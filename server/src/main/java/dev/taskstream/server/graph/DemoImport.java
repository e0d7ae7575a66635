package dev.taskstream.server.graph;

import dev.taskstream.server.graph.upload.UploadStore;
import dev.taskstream.server.project.ProjectStore;
import dev.taskstream.server.task.TaskService;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's demo mode: the demo graph goes in through an {@code import_graph} task, as an upload would,
 * instead of before the server listens ({@code serve --demo}). The app's window then opens as soon as the server
 * is up and shows the import's progress live; the communities view reloads when the import ends.
 */
public final class DemoImport {
    private static final Logger log = LoggerFactory.getLogger(DemoImport.class);

    private DemoImport() {
    }

    /** Submits the import of the demo graph; empty when project {@code demo} has entities already. */
    public static Optional<UUID> submit(GraphStore graphs, ProjectStore projects, UploadStore uploads, TaskService tasks)
            throws IOException {
        if (graphs.hasEntities(DemoGraph.PROJECT_ID)) {
            return Optional.empty();
        }
        projects.upsert(DemoGraph.PROJECT_ID, DemoGraph.PROJECT_NAME); // the window finds the project at once
        long started = System.nanoTime();
        UploadStore.Upload upload = uploads.write(DemoGraph.PROJECT_ID, DemoGraphJson::write); // about 10 MB of JSON
        log.info("demo graph: {} bytes of JSON made and stored in {} ms", upload.bytes(),
                (System.nanoTime() - started) / 1_000_000);
        return Optional.of(ImportGraphHandler.submit(tasks, uploads, DemoGraph.PROJECT_ID, upload, ImportFormat.JSON).id());
    }
}
