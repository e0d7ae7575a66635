package dev.taskstream.server.project;

import dev.taskstream.server.db.Database;
import dev.taskstream.shared.api.ProjectView;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Projects: the namespaces that graphs, communities and tasks belong to. */
public final class ProjectStore {
    private static final RowMapper<ProjectView> MAPPER = (rs, ctx) -> new ProjectView(rs.getString("id"),
            rs.getString("name"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant());

    private final Jdbi jdbi;
    private final Clock clock;

    public ProjectStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** Creates the project or renames it; true when it was created. */
    public boolean upsert(String id, String name) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return jdbi.inTransaction(h -> {
            int renamed = h.createUpdate("UPDATE projects SET name = :name, updated_at = :now WHERE id = :id")
                    .bind("id", id).bind("name", name).bind("now", now).execute();
            if (renamed == 1) {
                return false;
            }
            h.createUpdate("INSERT INTO projects (id, name, created_at, updated_at) VALUES (:id, :name, :now, :now)")
                    .bind("id", id).bind("name", name).bind("now", now).execute();
            return true;
        });
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
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    public List<ProjectView> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects ORDER BY id").map(MAPPER).list());
    }
}
