-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.
-- A failed or cancelled task is retried at most once: retried_by names its retry, and the unique
-- constraint on retry_of keeps the rule across server processes.

ALTER TABLE tasks ADD COLUMN retried_by UUID;

-- Retries made before this rule: the oldest retry of a task stays its retry; the later ones keep
-- their rows but no longer claim to be retries, so the constraint below can hold.
UPDATE tasks SET retry_of = NULL
WHERE retry_of IS NOT NULL AND EXISTS (
    SELECT 1 FROM tasks older
    WHERE older.retry_of = tasks.retry_of
      AND (older.created_at < tasks.created_at OR (older.created_at = tasks.created_at AND older.id < tasks.id)));

UPDATE tasks SET retried_by = (SELECT r.id FROM tasks r WHERE r.retry_of = tasks.id)
WHERE EXISTS (SELECT 1 FROM tasks r WHERE r.retry_of = tasks.id);

ALTER TABLE tasks ADD CONSTRAINT tasks_retry_of UNIQUE (retry_of);
