package dev.taskstream.server.graph;

import dev.taskstream.server.db.Dialect;
import org.jdbi.v3.core.Handle;

/**
 * Where one import puts its validated rows before they reach the graph tables: session-private staging
 * tables, written in bulk (COPY on Postgres, JDBC batches on H2), then merged in one set-based statement
 * per table. The graph tables are touched only by the merge, so a failed or cancelled import rolls back
 * cheaply and holds no row locks while it parses.
 */
interface GraphStaging {
    void entity(String id, String name, String type, String properties);

    void edge(String source, String target, String relation, double weight);

    /** Writes what is still buffered and merges everything into the project; returns the edges it created. */
    long merge(String projectId);

    /** The staging of this database, on {@code h}'s connection (its staging tables must exist). */
    static GraphStaging open(Handle h, Dialect dialect) {
        return dialect == Dialect.POSTGRES
                ? new PostgresCopyStaging(h, h.attach(GraphDao.Postgres.class))
                : new H2BatchStaging(h.attach(GraphDao.H2.class));
    }
}
