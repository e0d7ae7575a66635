package dev.taskstream.server.task;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.SqlErrors;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * What the task storage of every database shares: creation and retry with their conflicts, the group commit of
 * state changes and claims, leases and the reads, over the portable SqlObject DAOs. A dialect gives the plain-JDBC
 * statements of the hot path ({@link TaskStateSql}, one instance for all of it) and the event log's reads
 * ({@link TaskEventDao} or a sub-interface).
 */
abstract class AbstractTaskStorage implements TaskStorage {
    /** At most this many state changes share one commit (one id list, one JDBC batch of each statement). */
    static final int MAX_GROUP = 256;
    private static final int INSERT_ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Class<? extends TaskEventDao> eventDao;
    private final String notifyChannel;
    private final TaskEventWriter events;
    private final GroupCommit group;

    AbstractTaskStorage(Database db, Clock clock, String nodeId, TaskEventListener sink, TaskStateSql sql,
            Class<? extends TaskEventDao> eventDao) {
        this.jdbi = db.jdbi();
        this.clock = clock;
        this.eventDao = eventDao;
        this.notifyChannel = jdbi.withExtension(eventDao, TaskEventDao::notifyChannel);
        this.events = new TaskEventWriter(sql, notifyChannel, nodeId, sink);
        this.group = new GroupCommit(MAX_GROUP, new GroupTransaction(jdbi, sql, events, clock)::commitAll);
    }

    /** {@link TaskStorage#forDatabase} with the type that lets tests in this package watch the group commit. */
    static AbstractTaskStorage forDatabase(Database db, Clock clock, String nodeId, TaskEventListener sink) {
        return (AbstractTaskStorage) TaskStorage.forDatabase(db, clock, nodeId, sink);
    }

    /** Database times have microsecond precision; ours are cut to match so that values round-trip exactly. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Instant now() {
        return now(clock);
    }

    private static TaskRow pending(NewTask spec, Instant now) {
        return new TaskRow(UUID.randomUUID(), spec.name(), spec.projectId(), TaskStatus.PENDING, 0, "Queued",
                spec.params() == null ? null : spec.params().toString(), null, null, now, null, null, now, null,
                spec.attempt(), spec.retryOf(), null, false, 1, spec.exclusiveKey(), null);
    }

    @Override
    public List<TaskView> createAll(List<NewTask> specs) {
        Instant now = now();
        List<TaskRow> rows = specs.stream().map(spec -> pending(spec, now)).toList();
        List<TaskEvent> appended = jdbi.inTransaction(h -> {
            h.attach(TaskDao.class).insertAll(rows);
            return events.appendAll(h, rows);
        });
        events.committed(appended);
        return rows.stream().map(TaskRow::toView).toList();
    }

    @Override
    public TaskView create(NewTask spec) {
        TaskRow row = pending(spec, now());
        return insert(spec.exclusiveKey(), null, h -> {
            h.attach(TaskDao.class).insert(row);
            return new Inserted(row.toView(), events.append(h, row));
        });
    }

    /**
     * The old row stays locked until the commit, so a concurrent retry waits and then finds {@code retried_by} set.
     * The params are copied inside the database ({@link TaskDao#insertRetry}).
     */
    @Override
    public TaskView retry(UUID id, String exclusiveKey) {
        UUID retryId = UUID.randomUUID();
        return insert(exclusiveKey, id, h -> {
            TaskDao tasks = h.attach(TaskDao.class);
            TaskRow old = tasks.lock(id).orElseThrow(() -> new TaskNotFoundException(id));
            if (old.retriedBy() != null) {
                throw new TaskAlreadyRetriedException(id, old.retriedBy());
            }
            if (old.status() != TaskStatus.FAILED && old.status() != TaskStatus.CANCELLED) {
                throw new TaskStateException("task " + id + " is " + old.status().wire()
                        + "; only failed or cancelled tasks can be retried");
            }
            tasks.insertRetry(retryId, id, now(), exclusiveKey);
            tasks.markRetried(id, retryId);
            TaskRow row = tasks.find(retryId).orElseThrow();
            return new Inserted(row.toView(), events.append(h, row));
        });
    }

    private record Inserted(TaskView task, TaskEvent event) {
    }

    /**
     * Runs an inserting transaction; a unique violation becomes the conflict it stands for: the task was
     * retried already ({@code retryOf}), or another task holds {@code exclusiveKey}. When the holder ended
     * before we could name it, the key is free again and the insert is tried again.
     */
    private TaskView insert(String exclusiveKey, UUID retryOf, HandleCallback<Inserted, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                Inserted inserted = jdbi.inTransaction(work);
                events.committed(inserted.event());
                return inserted.task();
            } catch (RuntimeException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                Optional<UUID> retry = retryOf == null ? Optional.empty()
                        : jdbi.withExtension(TaskDao.class, d -> d.find(retryOf)).map(TaskRow::retriedBy);
                if (retry.isPresent()) {
                    throw new TaskAlreadyRetriedException(retryOf, retry.get());
                }
                Optional<UUID> active = exclusiveKey == null ? Optional.empty()
                        : jdbi.withExtension(TaskDao.class, d -> d.findByExclusiveKey(exclusiveKey));
                if (active.isPresent()) {
                    throw new ExclusiveTaskActiveException(exclusiveKey, active.get());
                }
                if (exclusiveKey == null || attempt >= INSERT_ATTEMPTS) {
                    throw new TaskBusyException("task could not be saved: it kept meeting concurrent changes", e);
                }
            }
        }
    }

    @Override
    public Committed transition(UUID id, Change change) {
        return group.submit(id, change);
    }

    @Override
    public ChangeAndClaim transitionAndClaim(UUID id, Change change, ClaimSpec next) {
        return group.submitWithClaim(id, change, next);
    }

    /**
     * The claim joins the group commit: it shares its transaction with the state changes queued meanwhile,
     * typically the completions of the tasks whose workers it claims for. {@link TaskStateSql#claimOldestPending}
     * claims them (one statement on Postgres, skipping rows other claimers hold).
     */
    @Override
    public List<Claim> claim(Collection<String> names, String workerId, Instant leaseUntil, int max) {
        if (names.isEmpty() || max < 1) {
            return List.of();
        }
        return group.submitClaim(new ClaimSpec(Set.copyOf(names), workerId, leaseUntil, max));
    }

    /** The group commit of {@link #transition} and {@link #claim} (tests watch a group form). */
    GroupCommit group() {
        return group;
    }

    @Override
    public boolean renewLease(UUID id, String workerId, Instant leaseUntil) {
        Boolean cancel = jdbi.inTransaction(h -> {
            TaskDao tasks = h.attach(TaskDao.class);
            return tasks.renewLease(id, workerId, leaseUntil) != 1 ? null : tasks.cancelRequested(id).orElseThrow();
        });
        if (cancel == null) {
            throw new TaskLostException(id, workerId);
        }
        return cancel;
    }

    @Override
    public boolean isCancelRequested(UUID id) {
        return jdbi.withExtension(TaskDao.class, d -> d.cancelRequested(id)).orElse(false);
    }

    @Override
    public List<UUID> expiredLeases(Instant now) {
        return jdbi.withExtension(TaskDao.class, d -> d.expiredLeases(now));
    }

    @Override
    public Optional<TaskView> find(UUID id) {
        return jdbi.withExtension(TaskQueryDao.class, d -> d.find(id)).map(TaskRow::toView);
    }

    @Override
    public Page<TaskView> list(TaskFilter filter, int limit, int offset) {
        String where = TaskQueryDao.where(filter);
        return jdbi.withExtension(TaskQueryDao.class, d -> {
            long total = d.count(where, filter);
            List<TaskView> items = d.list(where, filter, limit, offset).stream().map(TaskRow::toView).toList();
            return new Page<>(items, total, limit, offset);
        });
    }

    @Override
    public List<Snapshot> activeAndRecent(String projectId, Instant endedAfter, int max) {
        return jdbi.withExtension(TaskQueryDao.class,
                d -> d.activeAndRecent(TaskQueryDao.inProject(projectId), projectId, endedAfter, max)).stream()
                .map(row -> new Snapshot(row.toView(), row.lastSeq()))
                .toList();
    }

    @Override
    public Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s, 0L);
        }
        counts.putAll(jdbi.withExtension(TaskQueryDao.class, TaskQueryDao::countByStatus));
        return counts;
    }

    @Override
    public List<TaskEvent> eventsAfter(UUID taskId, long afterSeq) {
        return jdbi.withExtension(eventDao, d -> d.after(taskId, afterSeq));
    }

    @Override
    public Optional<TaskEvent> latestEvent(UUID taskId) {
        return jdbi.withExtension(eventDao, d -> d.latest(taskId));
    }

    @Override
    public String notifyChannel() {
        return notifyChannel;
    }
}
