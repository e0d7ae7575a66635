package dev.taskstream.bench;

/**
 * Copies of the engine's hot-path statements ({@code dev.taskstream.server.task.TaskStateSql}, package-private
 * there so the engine's SQL stays the engine's), for {@link BareSqlQueue}, which runs them by bare JDBC as the
 * floor under {@code throughput}. They must stay the very strings the engine runs: the test
 * {@code EngineStatementsTest} (in the bench's tests, declared in the engine's package to read its constants)
 * fails when either side changes alone.
 */
public final class EngineStatements {
    private EngineStatements() {
    }

    /** Saves one row of a group commit. */
    public static final String UPDATE = "UPDATE tasks SET status = ?, progress = ?, message = ?, result = ?, "
            + "error = ?, started_at = ?, completed_at = ?, updated_at = ?, worker_id = ?, lease_until = ?, "
            + "cancel_requested = ?, last_seq = ?, exclusive_key = ? WHERE id = ?";

    /** The Postgres claim: worker, lease end, now, message, now, the task names (an array), the most to claim. */
    public static final String POSTGRES_CLAIM = "UPDATE tasks t SET status = 'processing', worker_id = ?, "
            + "lease_until = ?, started_at = ?, progress = 0, message = ?, last_seq = t.last_seq + 1, updated_at = ? "
            + "FROM (SELECT id FROM tasks WHERE status = 'pending' AND name = ANY (?) ORDER BY created_at, id "
            + "LIMIT ? FOR UPDATE SKIP LOCKED) picked WHERE t.id = picked.id RETURNING t.*";

    /** The Postgres event append with its NOTIFYs, in one statement. */
    public static final String POSTGRES_APPEND_EVENTS = "WITH appended AS (INSERT INTO task_events "
            + "(task_id, seq, event, payload, created_at) SELECT * FROM unnest(?, ?, ?, ?, CAST(? AS timestamptz[])) "
            + "RETURNING 1) SELECT pg_notify(?, notice) FROM unnest(?) AS notice";

    /** The columns a group commit's lock reads (the engine's TaskDao.WITHOUT_PARAMS). */
    private static final String LOCKED_COLUMNS = "id, name, project_id, status, progress, message, NULL AS params, "
            + "result, error, created_at, started_at, completed_at, updated_at, worker_id, attempt, retry_of, "
            + "lease_until, cancel_requested, last_seq, exclusive_key, retried_by";

    /** Locks {@code n} rows of a group commit by id, in id order. */
    public static String lockAll(int n) {
        return "SELECT " + LOCKED_COLUMNS + " FROM tasks WHERE id IN (" + "?, ".repeat(n - 1) + "?) ORDER BY id FOR UPDATE";
    }
}
