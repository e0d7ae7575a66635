-- Claims read the oldest pending tasks in (created_at, id) order with a LIMIT. A bulk enqueue gives
-- many tasks one created_at, so the id must come from the index too: otherwise every claim sorts
-- all pending tasks of that instant.
CREATE INDEX tasks_status_created_id ON tasks (status, created_at, id);
DROP INDEX tasks_status_created;
