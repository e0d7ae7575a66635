package dev.taskstream.server.task;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@link TaskEventDao} on Postgres: each schema announces its commits on a channel of its own. */
interface PostgresTaskEventDao extends TaskEventDao {
    @SqlQuery("SELECT current_schema()")
    String currentSchema();

    /** NOTIFY channels are database-wide: one per schema keeps the servers of different schemas apart. */
    @Override
    default String notifyChannel() {
        return "taskstream_events_" + currentSchema();
    }
}
