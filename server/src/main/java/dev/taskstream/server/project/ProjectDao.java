package dev.taskstream.server.project;

import dev.taskstream.shared.api.ProjectView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** SQL of the {@code projects} table (portable: the same on H2 and Postgres). */
@RegisterConstructorMapper(ProjectView.class)
public interface ProjectDao {

    /** A project as written: its id, name and the time of the write. */
    record ProjectWrite(String id, String name, Instant now) {
    }

    @SqlQuery("SELECT * FROM projects WHERE id = :id")
    Optional<ProjectView> find(String id);

    @SqlQuery("SELECT * FROM projects ORDER BY id")
    List<ProjectView> list();

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM projects WHERE id = :id)")
    boolean exists(String id);

    @SqlUpdate("UPDATE projects SET name = :name, updated_at = :now WHERE id = :id")
    int rename(@BindMethods ProjectWrite project);

    @SqlUpdate("INSERT INTO projects (id, name, created_at, updated_at) VALUES (:id, :name, :now, :now)")
    void insert(@BindMethods ProjectWrite project);

    /** Creates the project or renames it; true when it was created. */
    @Transaction
    default boolean upsert(ProjectWrite project) {
        if (rename(project) == 1) {
            return false;
        }
        insert(project);
        return true;
    }

    /** Creates the project unless it exists (inside the caller's transaction). */
    default void insertIfAbsent(ProjectWrite project) {
        if (!exists(project.id())) {
            insert(project);
        }
    }
}
