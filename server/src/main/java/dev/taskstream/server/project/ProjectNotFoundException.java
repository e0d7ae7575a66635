package dev.taskstream.server.project;

/** A request named a project that does not exist; {@link ProjectRoutes} answers it with 404. */
public final class ProjectNotFoundException extends RuntimeException {
    public ProjectNotFoundException(String projectId) {
        super("no project with id '" + projectId + "'", null, false, false);
    }
}
