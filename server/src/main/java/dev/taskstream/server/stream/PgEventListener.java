package dev.taskstream.server.stream;

import dev.taskstream.server.db.ConnectionRetry;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.task.EventNotice;
import dev.taskstream.server.task.TaskEvent;
import dev.taskstream.server.task.TaskStorage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings events committed by other server processes into this one's {@link EventBus}. Holds one
 * dedicated LISTEN connection (outside the pool); a notification names the tasks and seqs that one
 * commit wrote ({@link EventNotice}), and the events this process has not seen are read from the
 * event log once per task, however many clients watch it. After a lost connection it reconnects and
 * catches up every watched task.
 */
public final class PgEventListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgEventListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long VALIDATE_EVERY_MILLIS = 5_000;

    private final Database db;
    private final TaskStorage events;
    private final EventBus bus;
    private final String channel;
    private final String nodeId;
    private final Runnable onNewTask;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public PgEventListener(Database db, TaskStorage events, EventBus bus, String nodeId, Runnable onNewTask) {
        this.db = db;
        this.events = events;
        this.bus = bus;
        this.channel = events.notifyChannel();
        this.nodeId = nodeId;
        this.onNewTask = onNewTask;
        this.thread = new Thread(this::run, "taskstream-pg-listen");
        this.thread.setDaemon(true);
    }

    /** Starts listening; returns once the first LISTEN is in place (so no early event is missed). */
    public void start() throws SQLException {
        connection = listen();
        thread.start();
    }

    // Raw JDBC: LISTEN needs one long-lived connection outside the pool, and Jdbi has no notification API.
    private Connection listen() throws SQLException {
        Connection c = db.openDedicatedConnection("taskstream-listen " + nodeId);
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + channel);
        }
        return c;
    }

    private void run() {
        long backoff = 100;
        int failures = 0;
        long lastValidated = System.currentTimeMillis();
        while (running) {
            try {
                if (connection == null) {
                    connection = listen();
                    log.info("LISTEN connection restored; catching up watched tasks");
                    catchUpWatchedTasks();
                    backoff = 100;
                    failures = 0;
                }
                PGNotification[] batch = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
                if (batch != null && batch.length > 0) {
                    handle(batch);
                }
                if (System.currentTimeMillis() - lastValidated > VALIDATE_EVERY_MILLIS) {
                    lastValidated = System.currentTimeMillis();
                    if (!connection.isValid(2)) {
                        throw new SQLException("LISTEN connection is no longer valid");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("LISTEN connection failed ({}); reconnecting in {} ms", e.toString(), backoff);
                closeQuietly();
                if (++failures == ConnectionRetry.ATTEMPTS) {
                    // Past the retry budget: tell every stream client; its stream stays open and
                    // resumes (with the missed events) when the database is back.
                    bus.broadcastError("database_unavailable", "the database cannot be reached; live events "
                            + "resume when it is back, with nothing lost");
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** Groups the batch by task and reads each task's new events once. */
    private void handle(PGNotification[] batch) {
        Map<UUID, Long> newestByTask = new HashMap<>();
        boolean newTask = false;
        for (PGNotification n : batch) {
            EventNotice notice;
            try {
                notice = EventNotice.parse(n.getParameter());
            } catch (IllegalArgumentException e) {
                log.warn("ignoring a notification this version does not read: {}", e.getMessage());
                continue;
            }
            if (notice.nodeId().equals(nodeId)) {
                continue; // our own commit: already published in-process
            }
            for (EventNotice.Ref ref : notice.events()) {
                newestByTask.merge(ref.taskId(), ref.seq(), Math::max);
                newTask |= ref.seq() == 1;
            }
        }
        if (newTask) {
            onNewTask.run();
        }
        newestByTask.forEach((task, seq) -> {
            if (bus.hasWatchers(task) && seq > bus.newestSeq(task)) {
                publishAfter(task, bus.newestSeq(task));
            }
        });
    }

    private void catchUpWatchedTasks() {
        for (UUID task : bus.watchedTasks()) {
            publishAfter(task, bus.newestSeq(task));
        }
        onNewTask.run();
    }

    private void publishAfter(UUID task, long seq) {
        for (TaskEvent e : events.eventsAfter(task, seq)) {
            bus.committed(e);
        }
    }

    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }
}
