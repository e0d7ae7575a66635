package dev.taskstream.server.task;

import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@link TaskDao} on Postgres: claimers skip rows that other claimers hold, so two never wait on one task. */
interface PostgresTaskDao extends TaskDao {
    @SqlQuery(PENDING_OLDEST_FIRST + " FOR UPDATE SKIP LOCKED")
    Optional<TaskRow> lockOldestPendingSkipLocked(@BindList("names") Collection<String> names);

    @Override
    default Optional<TaskRow> lockOldestPending(Collection<String> names) {
        return lockOldestPendingSkipLocked(names);
    }
}
