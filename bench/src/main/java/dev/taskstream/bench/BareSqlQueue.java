package dev.taskstream.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor under {@code bench throughput}: the engine's own Postgres statements for a no-op task
 * ({@link EngineStatements}, the very strings), run by plain JDBC with nothing else. One thread and one connection
 * per process; each claims up to {@code workers} tasks and their "Started" events in one transaction, then
 * completes them all in a second one (lock the rows, update them in one JDBC batch, insert the "Completed"
 * events with their NOTIFY), always in full batches, without Jdbi, JSON, HTTP, threads handing work over or the
 * event bus. What Postgres does
 * per task is the same as for the engine, so its tasks/s is what this machine allows for these writes, and
 * the engine's ratio to it is what the engine's own work costs.
 */
final class BareSqlQueue {
    /** A name no server registers, so the bench's child servers never claim these rows. */
    private static final String NAME = "bench_bare";
    private static final String PROJECT = "bench-bare";
    /** Not the servers' channel: they would read every notice. Postgres queues a notice the same either way. */
    private static final String CHANNEL = "taskstream_bare_bench";

    /** What one run did: tasks/s from the first claim to the last commit, and CPU per task. */
    record Result(int tasks, double seconds, double clientCpuMsPerTask, double postgresCpuMsPerTask) {
        double tasksPerSecond() {
            return tasks / seconds;
        }
    }

    private final BenchDatabase db;

    BareSqlQueue(BenchDatabase db) {
        this.db = db;
    }

    /** Enqueues {@code n} pending tasks (not timed), then drains them with {@code processes} claimers. */
    Result run(int n, int processes, int workers) throws Exception {
        enqueue(n);
        List<Connection> connections = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(processes)) {
            for (int i = 0; i < processes; i++) {
                connections.add(connect());
            }
            long clientCpu0 = ProcessCpu.millis(List.of(ProcessHandle.current().pid()));
            long pgCpu0 = ProcessCpu.postgresMillis();
            long t0 = System.nanoTime();
            List<Future<Integer>> drains = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Connection c = connections.get(i);
                String worker = "bare-" + i;
                drains.add(pool.submit(() -> drain(c, worker, workers)));
            }
            int done = 0;
            for (Future<Integer> f : drains) {
                done += f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // Read before the connections close: an exiting backend takes its CPU figures with it.
            long clientCpu1 = ProcessCpu.millis(List.of(ProcessHandle.current().pid()));
            long pgCpu1 = ProcessCpu.postgresMillis();
            if (done != n) {
                throw new IllegalStateException("the bare SQL queue completed " + done + " of " + n + " tasks");
            }
            return new Result(n, seconds, perTask(clientCpu0, clientCpu1, n), perTask(pgCpu0, pgCpu1, n));
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static double perTask(long before, long after, int n) {
        return before < 0 || after < 0 ? -1 : (after - before) / (double) n;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        c.setAutoCommit(false);
        return c;
    }

    /** The rows the engine's bulk enqueue writes (its "Queued" events too), all created at one instant. */
    private void enqueue(int n) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("WITH queued AS (INSERT INTO tasks (id, name, project_id, status, progress, message, "
                    + "params, created_at, updated_at, attempt, cancel_requested, last_seq) SELECT gen_random_uuid(), '"
                    + NAME + "', '" + PROJECT + "', 'pending', 0, 'Queued', '{}', now(), now(), 1, FALSE, 1 "
                    + "FROM generate_series(1, " + n + ") RETURNING id, created_at) "
                    + "INSERT INTO task_events (task_id, seq, event, payload, created_at) "
                    + "SELECT id, 1, 'progress', '{}', created_at FROM queued");
            c.commit();
        }
    }

    /** Claims and completes batches until no pending task is left; returns how many it completed. */
    private int drain(Connection c, String workerId, int batch) throws SQLException {
        int done = 0;
        try (PreparedStatement claim = c.prepareStatement(EngineStatements.POSTGRES_CLAIM);
             PreparedStatement events = c.prepareStatement(EngineStatements.POSTGRES_APPEND_EVENTS);
             PreparedStatement update = c.prepareStatement(EngineStatements.UPDATE)) {
            Array names = c.createArrayOf("varchar", new String[] {NAME});
            while (true) {
                List<Claimed> claimed = claim(claim, names, workerId, batch);
                if (claimed.isEmpty()) {
                    c.commit();
                    return done;
                }
                appendEvents(c, events, workerId, claimed, "progress", "processing");
                c.commit();
                complete(c, update, claimed);
                appendEvents(c, events, workerId, claimed, "completed", "completed");
                c.commit();
                done += claimed.size();
            }
        }
    }

    private record Claimed(UUID id, long seq) {
    }

    private static List<Claimed> claim(PreparedStatement claim, Array names, String workerId, int batch)
            throws SQLException {
        Instant now = Instant.now();
        claim.setString(1, workerId);
        claim.setTimestamp(2, Timestamp.from(now.plusSeconds(60)));
        claim.setTimestamp(3, Timestamp.from(now));
        claim.setString(4, "Started");
        claim.setTimestamp(5, Timestamp.from(now));
        claim.setArray(6, names);
        claim.setInt(7, batch);
        List<Claimed> claimed = new ArrayList<>();
        try (ResultSet rs = claim.executeQuery()) {
            while (rs.next()) {
                claimed.add(new Claimed(rs.getObject("id", UUID.class), rs.getLong("last_seq")));
            }
        }
        return claimed;
    }

    /** As the engine's group commit: lock the rows in id order, then save them in one JDBC batch. */
    private static void complete(Connection c, PreparedStatement update, List<Claimed> tasks) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(EngineStatements.lockAll(tasks.size()))) {
            for (int i = 0; i < tasks.size(); i++) {
                lock.setObject(i + 1, tasks.get(i).id());
            }
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    rs.getObject("id", UUID.class);
                }
            }
        }
        Timestamp now = Timestamp.from(Instant.now());
        for (Claimed t : tasks) {
            update.setString(1, "completed");
            update.setInt(2, 100);
            update.setString(3, "Completed");
            update.setString(4, null);
            update.setString(5, null);
            update.setTimestamp(6, now);
            update.setTimestamp(7, now);
            update.setTimestamp(8, now);
            update.setString(9, "bare");
            update.setTimestamp(10, null);
            update.setBoolean(11, false);
            update.setLong(12, t.seq() + 1);
            update.setString(13, null);
            update.setObject(14, t.id());
            update.addBatch();
        }
        update.executeBatch();
    }

    /** The events' rows and one NOTIFY listing them, in one statement, as the engine writes them. */
    private static void appendEvents(Connection c, PreparedStatement events, String workerId, List<Claimed> tasks,
            String event, String status) throws SQLException {
        int n = tasks.size();
        UUID[] ids = new UUID[n];
        Long[] seqs = new Long[n];
        String[] names = new String[n];
        String[] payloads = new String[n];
        String[] createdAt = new String[n];
        String now = Instant.now().toString();
        StringBuilder notice = new StringBuilder(workerId);
        long offset = status.equals("completed") ? 1 : 0;
        for (int i = 0; i < n; i++) {
            Claimed t = tasks.get(i);
            ids[i] = t.id();
            seqs[i] = t.seq() + offset;
            names[i] = event;
            payloads[i] = payload(t.id(), status, now, workerId);
            createdAt[i] = now;
            notice.append('|').append(t.id()).append('|').append(seqs[i]);
        }
        Array[] arrays = {c.createArrayOf("uuid", ids), c.createArrayOf("bigint", seqs),
            c.createArrayOf("varchar", names), c.createArrayOf("varchar", payloads),
            c.createArrayOf("varchar", createdAt), c.createArrayOf("varchar", new String[] {notice.toString()})};
        events.setArray(1, arrays[0]);
        events.setArray(2, arrays[1]);
        events.setArray(3, arrays[2]);
        events.setArray(4, arrays[3]);
        events.setArray(5, arrays[4]);
        events.setString(6, CHANNEL);
        events.setArray(7, arrays[5]);
        try (ResultSet rs = events.executeQuery()) {
            while (rs.next()) {
                rs.getString(1);
            }
        }
    }

    /** A payload of the size of the engine's (a task's wire view). */
    private static String payload(UUID id, String status, String now, String workerId) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + NAME + "\",\"project_id\":\"" + PROJECT + "\",\"status\":\""
                + status + "\",\"progress\":0,\"message\":\"Started\",\"result\":null,\"error\":null,"
                + "\"created_at\":\"" + now + "\",\"started_at\":\"" + now + "\",\"completed_at\":null,"
                + "\"updated_at\":\"" + now + "\",\"worker_id\":\"" + workerId + "\",\"attempt\":1,"
                + "\"retry_of\":null,\"retried_by\":null}";
    }
}
