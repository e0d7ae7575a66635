package dev.taskstream.server.task;

import dev.taskstream.server.db.Database;
import java.time.Clock;

/**
 * Task storage on Postgres (one or several server processes on one database). A claim is one statement that skips
 * rows other claimers hold; an append is one statement that also sends the NOTIFY of its events
 * ({@link TaskStateSql.Postgres}), on a channel of this schema's own ({@link PostgresTaskEventDao}).
 */
final class PostgresTaskStorage extends AbstractTaskStorage {
    PostgresTaskStorage(Database db, Clock clock, String nodeId, TaskEventListener sink) {
        super(db, clock, nodeId, sink, new TaskStateSql.Postgres(), PostgresTaskEventDao.class);
    }
}
