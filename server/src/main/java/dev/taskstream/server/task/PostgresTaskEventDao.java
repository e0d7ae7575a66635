package dev.taskstream.server.task;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@link TaskEventDao} on Postgres, where other server processes LISTEN for commits. */
interface PostgresTaskEventDao extends TaskEventDao {
    @SqlQuery("SELECT current_schema()")
    String currentSchema();

    /** NOTIFY channels are database-wide: one per schema keeps the servers of different schemas apart. */
    @Override
    default String notifyChannel() {
        return "taskstream_events_" + currentSchema();
    }

    /** Delivered to every LISTENing server when (and only if) this transaction commits. */
    @SqlQuery("SELECT pg_notify(:channel, :payload)")
    String pgNotify(String channel, String payload);

    @Override
    default void notifyOnCommit(String channel, String payload) {
        pgNotify(channel, payload);
    }
}
