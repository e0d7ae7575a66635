package dev.taskstream.server.task;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@link TaskDao} on Postgres: claimers skip rows that other claimers hold, so two never wait on one task. */
interface PostgresTaskDao extends TaskDao {
    @SqlQuery(PENDING_OLDEST_FIRST + " FOR UPDATE SKIP LOCKED")
    List<TaskRow> lockOldestPendingSkipLocked(@BindList("names") Collection<String> names, int max);

    @Override
    default List<TaskRow> lockOldestPending(Collection<String> names, int max) {
        return lockOldestPendingSkipLocked(names, max);
    }
}
