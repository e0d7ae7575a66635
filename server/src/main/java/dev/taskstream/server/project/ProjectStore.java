package dev.taskstream.server.project;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.SqlErrors;
import dev.taskstream.shared.api.ProjectView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/** Projects: the namespaces that graphs, communities and tasks belong to. */
public final class ProjectStore {
    private final ProjectDao dao;
    private final Clock clock;

    public ProjectStore(Database db, Clock clock) {
        this.dao = db.jdbi().onDemand(ProjectDao.class);
        this.clock = clock;
    }

    /**
     * Creates the project or renames it; true when it was created. Of concurrent creators of one new
     * project, one inserts; the others hit the primary key and rename instead (no error).
     */
    public boolean upsert(String id, String name) {
        ProjectDao.ProjectWrite write = new ProjectDao.ProjectWrite(id, name, now());
        try {
            return dao.upsert(write);
        } catch (JdbiException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
            dao.rename(write);
            return false;
        }
    }

    public Optional<ProjectView> find(String id) {
        return dao.find(id);
    }

    /**
     * The project, or {@link ProjectNotFoundException} (a 404 naming it): the check of every endpoint under
     * {@code /projects/{project_id}}.
     */
    public ProjectView require(String id) {
        return dao.find(id).orElseThrow(() -> new ProjectNotFoundException(id));
    }

    public List<ProjectView> list() {
        return dao.list();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
