package dev.taskstream.server.task;

import dev.taskstream.server.db.Database;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reading tasks for the API, the streams' snapshots and the metrics; never changes a row. */
public final class TaskQueries {
    private final Jdbi jdbi;

    public TaskQueries(Database db) {
        this.jdbi = db.jdbi();
    }

    public Optional<TaskView> find(UUID id) {
        return findRow(id).map(TaskRow::toView);
    }

    Optional<TaskRow> findRow(UUID id) {
        return jdbi.withExtension(TaskQueryDao.class, d -> d.find(id));
    }

    /** The active task holding an exclusive key, if any. */
    public Optional<UUID> activeWithKey(String exclusiveKey) {
        return jdbi.withExtension(TaskDao.class, d -> d.findByExclusiveKey(exclusiveKey));
    }

    /** Newest first; {@code total} counts every task matching the filter. */
    public Page<TaskView> list(TaskFilter filter, int limit, int offset) {
        String where = TaskQueryDao.where(filter);
        return jdbi.withExtension(TaskQueryDao.class, d -> {
            long total = d.count(where, filter);
            List<TaskView> items = d.list(where, filter, limit, offset).stream().map(TaskRow::toView).toList();
            return new Page<>(items, total, limit, offset);
        });
    }

    /** A task's state together with the seq of the event that produced it. */
    public record Snapshot(TaskView task, long seq) {
    }

    /** Tasks that are active or ended after {@code endedAfter}: the snapshot of the all-tasks stream. */
    public List<Snapshot> activeAndRecent(String projectId, Instant endedAfter, int max) {
        return jdbi.withExtension(TaskQueryDao.class,
                d -> d.activeAndRecent(TaskQueryDao.inProject(projectId), projectId, endedAfter, max)).stream()
                .map(row -> new Snapshot(row.toView(), row.lastSeq()))
                .toList();
    }

    /** Tasks per status, every status present (0 when none). */
    public Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s, 0L);
        }
        counts.putAll(jdbi.withExtension(TaskQueryDao.class, TaskQueryDao::countByStatus));
        return counts;
    }
}
