package dev.taskstream.server.project;

import dev.taskstream.server.db.Database;
import dev.taskstream.shared.api.ProjectView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Projects: the namespaces that graphs, communities and tasks belong to. */
public final class ProjectStore {
    private final ProjectDao dao;
    private final Clock clock;

    public ProjectStore(Database db, Clock clock) {
        this.dao = db.jdbi().onDemand(ProjectDao.class);
        this.clock = clock;
    }

    /** Creates the project or renames it; true when it was created. */
    public boolean upsert(String id, String name) {
        return dao.upsert(new ProjectDao.ProjectWrite(id, name, now()));
    }

    /** Creates the project with its id as name unless it exists. */
    public void ensureExists(String id) {
        if (find(id).isEmpty()) {
            try {
                upsert(id, id);
            } catch (RuntimeException e) {
                if (find(id).isEmpty()) {
                    throw e; // not a lost race with another creator
                }
            }
        }
    }

    public Optional<ProjectView> find(String id) {
        return dao.find(id);
    }

    public List<ProjectView> list() {
        return dao.list();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
