package dev.taskstream.app.communities;

import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.client.TaskstreamClient;

/**
 * Starts a community rebuild: {@code POST /projects/{id}/communities/rebuild}. Throws
 * {@link dev.taskstream.shared.client.ApiException}; a 409 means a rebuild is already running.
 */
@FunctionalInterface
public interface RebuildLauncher {
    TaskAccepted start(String projectId, RebuildRequest request);

    static RebuildLauncher of(TaskstreamClient client) {
        return (project, r) -> client.rebuildCommunities(project, r.algorithm(), r.resolution(), r.seed());
    }
}
