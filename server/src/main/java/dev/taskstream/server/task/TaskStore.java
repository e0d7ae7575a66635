package dev.taskstream.server.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.db.ConnectionRetry;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.Dialect;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.ProgressEvent;
import dev.taskstream.shared.api.StreamEvents;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The tasks table and its event log. Every state change goes through {@link #transition}: one
 * transaction updates the row, appends the event with the next {@code seq} and (on Postgres) sends
 * NOTIFY; listeners hear of the event only after the commit.
 */
public final class TaskStore {
    private static final String COLUMNS = "id, name, project_id, status, progress, message, params, result, error, "
            + "created_at, started_at, completed_at, updated_at, worker_id, attempt, retry_of, lease_until, "
            + "cancel_requested, last_seq, exclusive_key";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Clock clock;
    private final String notifyChannel;
    private final String nodeId;
    private final List<TaskEventListener> listeners = new CopyOnWriteArrayList<>();

    public TaskStore(Database db, Clock clock, String notifyChannel, String nodeId) {
        this.jdbi = db.jdbi();
        this.dialect = db.dialect();
        this.clock = clock;
        this.notifyChannel = notifyChannel;
        this.nodeId = nodeId;
    }

    public void addListener(TaskEventListener listener) {
        listeners.add(listener);
    }

    /** Adds a listener ahead of the others (benchmarks time the commit before anything else runs). */
    public void addFirstListener(TaskEventListener listener) {
        listeners.add(0, listener);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Database times have microsecond precision; cut ours to match so values round-trip exactly. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- creating and reading ---------------------------------------------------------------

    public TaskView create(NewTask spec) {
        TaskRow t = new TaskRow();
        t.id = UUID.randomUUID();
        t.name = spec.name();
        t.projectId = spec.projectId();
        t.status = TaskStatus.PENDING;
        t.progress = 0;
        t.message = "Queued";
        t.params = spec.params() == null ? null : spec.params().toString();
        t.createdAt = now();
        t.updatedAt = t.createdAt;
        t.attempt = spec.attempt();
        t.retryOf = spec.retryOf();
        t.lastSeq = 1;
        t.exclusiveKey = spec.exclusiveKey();
        TaskEvent event;
        try {
            event = jdbi.inTransaction(h -> {
                h.createUpdate("INSERT INTO tasks (" + COLUMNS + ") VALUES (:id, :name, :projectId, :status, "
                                + ":progress, :message, :params, :result, :error, :createdAt, :startedAt, "
                                + ":completedAt, :updatedAt, :workerId, :attempt, :retryOf, :leaseUntil, "
                                + ":cancelRequested, :lastSeq, :exclusiveKey)")
                        .bindMap(bindings(t))
                        .execute();
                return appendEvent(h, t);
            });
        } catch (RuntimeException e) {
            if (spec.exclusiveKey() != null && isUniqueViolation(e)) {
                UUID active = findActiveByExclusiveKey(spec.exclusiveKey())
                        .orElseThrow(() -> e); // the other task ended meanwhile: let the caller retry
                throw new ExclusiveTaskActiveException(spec.exclusiveKey(), active);
            }
            throw e;
        }
        publish(List.of(event));
        return t.toView();
    }

    public Optional<TaskView> find(UUID id) {
        return findRow(id).map(TaskRow::toView);
    }

    Optional<TaskRow> findRow(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> TaskRow.map(rs))
                .findOne());
    }

    public Optional<UUID> findActiveByExclusiveKey(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM tasks WHERE exclusive_key = :key")
                .bind("key", key)
                .mapTo(UUID.class)
                .findOne());
    }

    /** Newest first; {@code total} counts every task matching the filter. */
    public Page<TaskView> list(TaskFilter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (filter.status() != null) {
            where.append(" AND status = :status");
        }
        if (filter.name() != null) {
            where.append(" AND name = :name");
        }
        if (filter.projectId() != null) {
            where.append(" AND project_id = :projectId");
        }
        return jdbi.withHandle(h -> {
            Query count = bindFilter(h.createQuery("SELECT COUNT(*) FROM tasks" + where), filter);
            long total = count.mapTo(Long.class).one();
            Query page = bindFilter(h.createQuery("SELECT " + COLUMNS + " FROM tasks" + where
                    + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"), filter)
                    .bind("limit", limit)
                    .bind("offset", offset);
            List<TaskView> items = page.map((rs, ctx) -> TaskRow.map(rs).toView()).list();
            return new Page<>(items, total, limit, offset);
        });
    }

    /** A task's state together with the seq of the event that produced it. */
    public record Snapshot(TaskView task, long seq) {
    }

    /** Tasks that are active or ended after {@code endedAfter}: the snapshot of the all-tasks stream. */
    public List<Snapshot> activeAndRecent(String projectId, Instant endedAfter, int max) {
        String sql = "SELECT " + COLUMNS + " FROM tasks WHERE (status IN ('pending', 'processing') "
                + "OR completed_at >= :endedAfter)" + (projectId == null ? "" : " AND project_id = :projectId")
                + " ORDER BY created_at DESC, id DESC LIMIT :max";
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql).bind("endedAfter", endedAfter).bind("max", max);
            if (projectId != null) {
                q.bind("projectId", projectId);
            }
            return q.map((rs, ctx) -> {
                TaskRow row = TaskRow.map(rs);
                return new Snapshot(row.toView(), row.lastSeq);
            }).list();
        });
    }

    public Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status")
                .map((rs, ctx) -> Map.entry(TaskStatus.fromWire(rs.getString("status")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    // ---- the event log -----------------------------------------------------------------------

    private static final String EVENT_COLUMNS = "SELECT e.task_id, t.project_id, e.seq, e.event, e.payload, "
            + "e.created_at FROM task_events e JOIN tasks t ON t.id = e.task_id ";

    /** Events of one task with {@code seq > afterSeq}, in order. */
    public List<TaskEvent> eventsAfter(UUID taskId, long afterSeq) {
        return jdbi.withHandle(h -> h.createQuery(EVENT_COLUMNS
                        + "WHERE e.task_id = :taskId AND e.seq > :afterSeq ORDER BY e.seq")
                .bind("taskId", taskId)
                .bind("afterSeq", afterSeq)
                .map((rs, ctx) -> mapEvent(rs))
                .list());
    }

    /** The newest event of a task (its current state); empty for an unknown task. */
    public Optional<TaskEvent> latestEvent(UUID taskId) {
        return jdbi.withHandle(h -> h.createQuery(EVENT_COLUMNS
                        + "WHERE e.task_id = :taskId AND e.seq = t.last_seq")
                .bind("taskId", taskId)
                .map((rs, ctx) -> mapEvent(rs))
                .findOne());
    }

    private static TaskEvent mapEvent(java.sql.ResultSet rs) throws SQLException {
        return new TaskEvent(rs.getObject("task_id", UUID.class), rs.getString("project_id"), rs.getLong("seq"),
                rs.getString("event"), rs.getString("payload"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }

    // ---- state changes -----------------------------------------------------------------------

    /** What a transition saw and did; {@code event} is null when the change decided not to save. */
    public record Committed(TaskView task, TaskEvent event, boolean cancelRequested) {
    }

    /** A state change: edits the locked row and returns true to save it (with an event). */
    @FunctionalInterface
    interface Change {
        boolean apply(TaskRow row);
    }

    /**
     * Locks the row, applies {@code change}, and if it says so saves the row with a new event, all in
     * one transaction; then tells the listeners. Exceptions thrown by the change roll back.
     */
    Committed transition(UUID id, Change change) {
        Committed committed = ConnectionRetry.call("task " + id + " state change", () -> jdbi.inTransaction(h -> {
            TaskRow t = h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id FOR UPDATE")
                    .bind("id", id)
                    .map((rs, ctx) -> TaskRow.map(rs))
                    .findOne()
                    .orElseThrow(() -> new TaskNotFoundException(id));
            if (!change.apply(t)) {
                return new Committed(t.toView(), null, t.cancelRequested);
            }
            t.lastSeq++;
            t.updatedAt = now();
            if (t.status.isTerminal()) {
                t.exclusiveKey = null;
                t.leaseUntil = null;
                if (t.completedAt == null) {
                    t.completedAt = t.updatedAt;
                }
            }
            h.createUpdate("UPDATE tasks SET status = :status, progress = :progress, message = :message, "
                            + "result = :result, error = :error, started_at = :startedAt, completed_at = :completedAt, "
                            + "updated_at = :updatedAt, worker_id = :workerId, lease_until = :leaseUntil, "
                            + "cancel_requested = :cancelRequested, last_seq = :lastSeq, exclusive_key = :exclusiveKey "
                            + "WHERE id = :id")
                    .bindMap(bindings(t))
                    .execute();
            return new Committed(t.toView(), appendEvent(h, t), t.cancelRequested);
        }));
        if (committed.event() != null) {
            publish(List.of(committed.event()));
        }
        return committed;
    }

    /** A task just claimed by a worker, with the parameters its handler runs with. */
    public record Claim(TaskView task, JsonNode params) {
    }

    /**
     * Claims the oldest pending task of one of {@code names} for {@code workerId}: Postgres skips rows
     * locked by other claimers (FOR UPDATE SKIP LOCKED), so two processes never get the same task.
     */
    public Optional<Claim> claim(Collection<String> names, String workerId, Instant leaseUntil) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        record Claimed(Claim claim, TaskEvent event) {
        }
        Claimed claimed = jdbi.inTransaction(h -> {
            String lock = dialect == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
            Optional<TaskRow> candidate = h.createQuery("SELECT " + COLUMNS + " FROM tasks "
                            + "WHERE status = 'pending' AND name IN (<names>) ORDER BY created_at, id LIMIT 1" + lock)
                    .bindList("names", new ArrayList<>(names))
                    .map((rs, ctx) -> TaskRow.map(rs))
                    .findOne();
            if (candidate.isEmpty() || candidate.get().status != TaskStatus.PENDING) {
                return null;
            }
            TaskRow t = candidate.get();
            t.status = TaskStatus.PROCESSING;
            t.workerId = workerId;
            t.leaseUntil = leaseUntil;
            t.startedAt = now();
            t.progress = 0;
            t.message = "Started";
            t.lastSeq++;
            t.updatedAt = t.startedAt;
            int updated = h.createUpdate("UPDATE tasks SET status = :status, worker_id = :workerId, "
                            + "lease_until = :leaseUntil, started_at = :startedAt, progress = :progress, "
                            + "message = :message, last_seq = :lastSeq, updated_at = :updatedAt "
                            + "WHERE id = :id AND status = 'pending'")
                    .bindMap(bindings(t))
                    .execute();
            if (updated != 1) {
                return null;
            }
            return new Claimed(new Claim(t.toView(), t.paramsJson()), appendEvent(h, t));
        });
        if (claimed == null) {
            return Optional.empty();
        }
        publish(List.of(claimed.event()));
        return Optional.of(claimed.claim());
    }

    /** Extends the worker's lease; tells whether cancellation was requested. Throws if the task was lost. */
    public boolean renewLease(UUID id, String workerId, Instant leaseUntil) {
        Boolean cancel = jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE tasks SET lease_until = :leaseUntil WHERE id = :id "
                            + "AND worker_id = :workerId AND status = 'processing'")
                    .bind("leaseUntil", leaseUntil)
                    .bind("id", id)
                    .bind("workerId", workerId)
                    .execute();
            if (n != 1) {
                return null;
            }
            return h.createQuery("SELECT cancel_requested FROM tasks WHERE id = :id")
                    .bind("id", id).mapTo(Boolean.class).one();
        });
        if (cancel == null) {
            throw new TaskLostException(id, workerId);
        }
        return cancel;
    }

    /** True when somebody asked to cancel the task (a primary-key read; workers call it sparingly). */
    public boolean isCancelRequested(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cancel_requested FROM tasks WHERE id = :id")
                .bind("id", id).mapTo(Boolean.class).findOne().orElse(false));
    }

    /** Ids of processing tasks whose lease ran out before {@code now}. */
    public List<UUID> expiredLeases(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM tasks WHERE status = 'processing' "
                        + "AND lease_until < :now ORDER BY lease_until")
                .bind("now", now)
                .mapTo(UUID.class)
                .list());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private TaskEvent appendEvent(Handle h, TaskRow t) {
        String name = StreamEvents.forStatus(t.status);
        TaskView view = t.toView();
        String payload;
        try {
            payload = Json.mapper().writeValueAsString(t.status.isTerminal() ? view : ProgressEvent.of(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize task event", e);
        }
        TaskEvent event = new TaskEvent(t.id, t.projectId, t.lastSeq, name, payload, t.updatedAt);
        h.createUpdate("INSERT INTO task_events (task_id, seq, event, payload, created_at) "
                        + "VALUES (:taskId, :seq, :event, :payload, :createdAt)")
                .bind("taskId", event.taskId())
                .bind("seq", event.seq())
                .bind("event", event.name())
                .bind("payload", event.payload())
                .bind("createdAt", event.createdAt())
                .execute();
        if (dialect == Dialect.POSTGRES) {
            // Delivered to every LISTENing server when (and only if) this transaction commits.
            h.createQuery("SELECT pg_notify(:channel, :payload)")
                    .bind("channel", notifyChannel)
                    .bind("payload", nodeId + "|" + event.taskId() + "|" + event.seq())
                    .mapTo(String.class)
                    .one();
        }
        return event;
    }

    private void publish(List<TaskEvent> events) {
        for (TaskEvent e : events) {
            for (TaskEventListener l : listeners) {
                l.committed(e);
            }
        }
    }

    private static Query bindFilter(Query q, TaskFilter filter) {
        if (filter.status() != null) {
            q.bind("status", filter.status().wire());
        }
        if (filter.name() != null) {
            q.bind("name", filter.name());
        }
        if (filter.projectId() != null) {
            q.bind("projectId", filter.projectId());
        }
        return q;
    }

    private static Map<String, Object> bindings(TaskRow t) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("id", t.id);
        m.put("name", t.name);
        m.put("projectId", t.projectId);
        m.put("status", t.status.wire());
        m.put("progress", t.progress);
        m.put("message", t.message);
        m.put("params", t.params);
        m.put("result", t.result);
        m.put("error", t.error);
        m.put("createdAt", t.createdAt);
        m.put("startedAt", t.startedAt);
        m.put("completedAt", t.completedAt);
        m.put("updatedAt", t.updatedAt);
        m.put("workerId", t.workerId);
        m.put("attempt", t.attempt);
        m.put("retryOf", t.retryOf);
        m.put("leaseUntil", t.leaseUntil);
        m.put("cancelRequested", t.cancelRequested);
        m.put("lastSeq", t.lastSeq);
        m.put("exclusiveKey", t.exclusiveKey);
        return m;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

}
