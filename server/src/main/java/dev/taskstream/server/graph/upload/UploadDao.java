package dev.taskstream.server.graph.upload;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the import uploads ({@code import_uploads} and their chunks); portable between H2 and Postgres. */
interface UploadDao {

    @SqlUpdate("INSERT INTO import_uploads (id, project_id, task_id, bytes, written_at) VALUES (:id, :projectId, NULL, 0, :now)")
    void create(UUID id, String projectId, Instant now);

    @SqlUpdate("INSERT INTO import_upload_chunks (upload_id, seq, data) VALUES (:id, :seq, :data)")
    void insertChunk(UUID id, int seq, byte[] data);

    @SqlUpdate("UPDATE import_uploads SET bytes = bytes + :n, written_at = :now WHERE id = :id")
    void grew(UUID id, long n, Instant now);

    @SqlUpdate("UPDATE import_uploads SET task_id = :taskId WHERE id = :id")
    int attach(UUID id, UUID taskId);

    @SqlQuery("SELECT id, project_id, bytes FROM import_uploads WHERE id = :id")
    @RegisterConstructorMapper(UploadStore.StoredUpload.class)
    Optional<UploadStore.StoredUpload> find(UUID id);

    @SqlQuery("SELECT data FROM import_upload_chunks WHERE upload_id = :id AND seq = :seq")
    Optional<byte[]> chunk(UUID id, int seq);

    @SqlUpdate("DELETE FROM import_uploads WHERE id = :id")
    int delete(UUID id);

    /** Uploads whose task has ended (or is gone), and uploads without a task that stopped growing before {@code abandonedBefore}. */
    @SqlUpdate("DELETE FROM import_uploads WHERE (task_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tasks t"
            + " WHERE t.id = import_uploads.task_id AND t.status IN ('pending', 'processing')))"
            + " OR (task_id IS NULL AND written_at < :abandonedBefore)")
    int sweep(Instant abandonedBefore);

    @SqlQuery("SELECT COUNT(*) FROM import_uploads")
    long count();
}
