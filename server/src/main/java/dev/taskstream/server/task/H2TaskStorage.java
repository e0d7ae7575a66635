package dev.taskstream.server.task;

import dev.taskstream.server.db.Database;
import java.time.Clock;

/**
 * Task storage on H2 (one process: the desktop app's embedded server, tests). Claims lock the oldest pending rows,
 * then save the ones still pending; events are a batch of INSERTs with no NOTIFY, as the in-process sink is the only
 * one to tell ({@link TaskStateSql.H2}).
 */
final class H2TaskStorage extends AbstractTaskStorage {
    H2TaskStorage(Database db, Clock clock, String nodeId, TaskEventListener sink) {
        super(db, clock, nodeId, sink, new TaskStateSql.H2(), TaskEventDao.class);
    }
}
