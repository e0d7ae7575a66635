package dev.taskstream.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.TaskstreamServer;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.testing.Http;
import dev.taskstream.server.testing.RawSse;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.server.testing.TestServer;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Group commit of task state changes ({@link GroupCommit}): changes queued behind a running commit
 * share the next one, each lands as if alone (consecutive seqs, the right final row, its own
 * exception), and stream watchers still see every task end.
 */
abstract class GroupCommitContract {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String WORKER = "worker-a";

    abstract TestDatabase.Kind kind();

    /**
     * Locks task {@code id}'s row in {@code holder}'s transaction, outside the store, and completes the task on
     * {@code pool}: that commit runs, blocked, until the holder commits, and every change submitted meanwhile
     * queues for the next one.
     */
    private static Future<TaskStorage.Committed> completeBehindHeldLock(Handle holder, ExecutorService pool,
            TaskLifecycle lifecycle, AbstractTaskStorage store, UUID id) {
        holder.begin();
        holder.createQuery("SELECT id FROM tasks WHERE id = :id FOR UPDATE").bind("id", id).mapTo(UUID.class).one();
        Future<TaskStorage.Committed> blocked = pool.submit(() -> lifecycle.complete(id, WORKER, null, "done"));
        await().atMost(WAIT).until(() -> store.group().committing());
        return blocked;
    }

    @Test
    void changesQueuedBehindACommitShareTheNextOneAndEachLandsAsIfAlone() throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind());
             Database db = Database.open(tdb.urlPatientWithLocks(), tdb.user(), null, 8)) {
            List<TaskEvent> sunk = new CopyOnWriteArrayList<>();
            AbstractTaskStorage store = AbstractTaskStorage.forDatabase(db, Clock.systemUTC(), "node-a", sunk::add);
            TaskLifecycle lifecycle = new TaskLifecycle(store);
            store.createAll(Collections.nCopies(21, NewTask.of("t", "group", null)));
            List<UUID> ids = store.claim(Set.of("t"), WORKER, Instant.now().plusSeconds(600), 21).stream()
                    .map(c -> c.task().id()).toList();
            assertThat(ids).hasSize(21);
            UUID blocked = ids.get(0);
            UUID failing = ids.get(17);
            UUID busy = ids.get(18); // a progress step and a cancel request of one task in one group
            UUID lost = ids.get(19); // completed by a worker that no longer holds it
            UUID lastCompleted = ids.get(20);
            List<UUID> completing = new ArrayList<>(ids.subList(1, 17));
            completing.add(lastCompleted);

            ExecutorService pool = Executors.newFixedThreadPool(24);
            try (Handle holder = db.jdbi().open()) {
                // A row lock held outside the engine keeps the first commit running while the others queue.
                Future<TaskStorage.Committed> first = completeBehindHeldLock(holder, pool, lifecycle, store, blocked);

                Map<UUID, Future<TaskStorage.Committed>> done = new HashMap<>();
                for (UUID id : completing) {
                    JsonNode result = Json.mapper().createObjectNode().put("task", id.toString());
                    done.put(id, pool.submit(() -> lifecycle.complete(id, WORKER, result, "Completed " + id)));
                }
                Future<TaskStorage.Committed> failed = pool.submit(() -> lifecycle.fail(failing, WORKER, "boom"));
                Future<TaskStorage.Committed> progress = pool.submit(() -> lifecycle.progress(busy, WORKER, 40, "half"));
                Future<TaskStorage.Committed> stolen = pool.submit(() -> lifecycle.complete(lost, "worker-b", null, "x"));
                await().atMost(WAIT).until(() -> store.group().queued() == 20);
                Future<TaskStorage.Committed> cancel = pool.submit(() -> lifecycle.requestCancel(busy));
                await().atMost(WAIT).until(() -> store.group().queued() == 21);
                holder.commit();

                assertThat(first.get(60, TimeUnit.SECONDS).task().status()).isEqualTo(TaskStatus.COMPLETED);
                for (UUID id : completing) {
                    TaskStorage.Committed c = done.get(id).get(60, TimeUnit.SECONDS);
                    assertThat(c.task().status()).isEqualTo(TaskStatus.COMPLETED);
                    assertThat(c.event().seq()).isEqualTo(3);
                    assertThat(c.task().result().get("task").asText()).isEqualTo(id.toString());
                }
                assertThat(failed.get(60, TimeUnit.SECONDS).task().error()).isEqualTo("boom");
                assertThat(progress.get(60, TimeUnit.SECONDS).event().seq()).isEqualTo(3);
                assertThat(cancel.get(60, TimeUnit.SECONDS).event().seq()).isEqualTo(4);
                assertThatThrownBy(() -> stolen.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(TaskLostException.class);
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.group().largestBatch()).as("the queued changes shared one commit").isEqualTo(21);

            Map<UUID, TaskRow> rows = new HashMap<>();
            Map<UUID, List<Long>> seqs = new HashMap<>();
            db.jdbi().useHandle(h -> {
                ids.forEach(id -> rows.put(id, h.attach(TaskDao.class).find(id).orElseThrow()));
                for (UUID id : ids) {
                    seqs.put(id, h.createQuery("SELECT seq FROM task_events WHERE task_id = :id ORDER BY seq")
                            .bind("id", id).mapTo(Long.class).list());
                }
            });
            for (UUID id : completing) {
                assertThat(rows.get(id).status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(rows.get(id).message()).isEqualTo("Completed " + id);
                assertThat(rows.get(id).completedAt()).isNotNull();
                assertThat(rows.get(id).leaseUntil()).isNull();
                assertThat(seqs.get(id)).containsExactly(1L, 2L, 3L);
            }
            assertThat(rows.get(failing).status()).isEqualTo(TaskStatus.FAILED);
            assertThat(rows.get(busy).status()).isEqualTo(TaskStatus.PROCESSING);
            assertThat(rows.get(busy).progress()).isEqualTo(40);
            assertThat(rows.get(busy).cancelRequested()).isTrue();
            assertThat(rows.get(busy).lastSeq()).isEqualTo(4);
            assertThat(seqs.get(busy)).containsExactly(1L, 2L, 3L, 4L);
            // The lost task failed alone: untouched, still the other worker's to finish.
            assertThat(rows.get(lost).status()).isEqualTo(TaskStatus.PROCESSING);
            assertThat(rows.get(lost).workerId()).isEqualTo(WORKER);
            assertThat(seqs.get(lost)).containsExactly(1L, 2L);

            // The sink heard each committed event once, per task in seq order, and nothing of the lost one.
            Map<UUID, List<Long>> heard = new HashMap<>();
            for (TaskEvent e : sunk) {
                heard.computeIfAbsent(e.taskId(), k -> new ArrayList<>()).add(e.seq());
            }
            for (UUID id : ids) {
                assertThat(heard.get(id)).as("events of %s reaching the sink", id).isEqualTo(seqs.get(id));
            }
        }
    }

    @Test
    void aClaimQueuedBehindACommitSharesTheNextOneWithTheQueuedChanges() throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind());
             Database db = Database.open(tdb.urlPatientWithLocks(), tdb.user(), null, 8)) {
            List<TaskEvent> sunk = new CopyOnWriteArrayList<>();
            AbstractTaskStorage store = AbstractTaskStorage.forDatabase(db, Clock.systemUTC(), "node-a", sunk::add);
            TaskLifecycle lifecycle = new TaskLifecycle(store);
            store.createAll(Collections.nCopies(2, NewTask.of("t", "claim-group", null)));
            List<UUID> running = store.claim(Set.of("t"), WORKER, Instant.now().plusSeconds(600), 2).stream()
                    .map(c -> c.task().id()).toList();
            List<UUID> pending = store.createAll(Collections.nCopies(3, NewTask.of("u", "claim-group", null))).stream()
                    .map(t -> t.id()).toList();

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<TaskStorage.Claim> claimed;
            try (Handle holder = db.jdbi().open()) {
                Future<TaskStorage.Committed> first = completeBehindHeldLock(holder, pool, lifecycle, store,
                        running.get(0));
                Future<TaskStorage.Committed> second = pool.submit(() -> lifecycle.complete(running.get(1), WORKER, null,
                        "done"));
                Future<List<TaskStorage.Claim>> claim = pool.submit(() -> store.claim(Set.of("u"), WORKER,
                        Instant.now().plusSeconds(600), 5));
                await().atMost(WAIT).until(() -> store.group().queued() == 2);
                holder.commit();

                assertThat(first.get(60, TimeUnit.SECONDS).task().status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(second.get(60, TimeUnit.SECONDS).task().status()).isEqualTo(TaskStatus.COMPLETED);
                claimed = claim.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.group().largestBatch()).as("the completion and the claim shared one commit").isEqualTo(2);
            assertThat(claimed).extracting(c -> c.task().id()).containsExactlyInAnyOrderElementsOf(pending);
            assertThat(claimed).allSatisfy(c -> {
                assertThat(c.task().status()).isEqualTo(TaskStatus.PROCESSING);
                assertThat(c.task().workerId()).isEqualTo(WORKER);
            });
            Map<UUID, TaskRow> rows = new HashMap<>();
            db.jdbi().useHandle(h -> pending.forEach(id -> rows.put(id, h.attach(TaskDao.class).find(id).orElseThrow())));
            assertThat(rows.values()).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(TaskStatus.PROCESSING);
                assertThat(r.lastSeq()).isEqualTo(2);
            });
            // The sink heard each claimed task's "Started" event once, after the commit.
            for (UUID id : pending) {
                assertThat(sunk).filteredOn(e -> e.taskId().equals(id)).extracting(TaskEvent::seq)
                        .containsExactly(1L, 2L);
            }
        }
    }

    @Test
    void completionsThatClaimTheirWorkersNextTaskShareOneCommitAndOneClaimStatement() throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind());
             Database db = Database.open(tdb.urlPatientWithLocks(), tdb.user(), null, 8)) {
            List<TaskEvent> sunk = new CopyOnWriteArrayList<>();
            AbstractTaskStorage store = AbstractTaskStorage.forDatabase(db, Clock.systemUTC(), "node-a", sunk::add);
            TaskLifecycle lifecycle = new TaskLifecycle(store);
            store.createAll(Collections.nCopies(3, NewTask.of("t", "pairs", null)));
            List<UUID> running = store.claim(Set.of("t"), WORKER, Instant.now().plusSeconds(600), 3).stream()
                    .map(c -> c.task().id()).toList();
            List<UUID> next = store.createAll(Collections.nCopies(2, NewTask.of("t", "pairs", null))).stream()
                    .map(t -> t.id()).toList();
            TaskStorage.ClaimSpec one = new TaskStorage.ClaimSpec(Set.of("t"), WORKER, Instant.now().plusSeconds(600), 1);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            TaskStorage.ChangeAndClaim first;
            TaskStorage.ChangeAndClaim stolen;
            try (Handle holder = db.jdbi().open()) {
                Future<TaskStorage.Committed> blocked = completeBehindHeldLock(holder, pool, lifecycle, store,
                        running.get(0));
                Future<TaskStorage.ChangeAndClaim> a = pool.submit(() -> lifecycle.completeAndClaim(running.get(1),
                        WORKER, null, "done", one));
                await().atMost(WAIT).until(() -> store.group().queued() == 2);
                // A completion its worker no longer owns: it fails, and the task its claim won still comes back.
                Future<TaskStorage.ChangeAndClaim> b = pool.submit(() -> lifecycle.completeAndClaim(running.get(2),
                        "worker-b", null, "done", one));
                await().atMost(WAIT).until(() -> store.group().queued() == 4);
                holder.commit();
                assertThat(blocked.get(60, TimeUnit.SECONDS).task().status()).isEqualTo(TaskStatus.COMPLETED);
                first = a.get(60, TimeUnit.SECONDS);
                stolen = b.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.group().largestBatch()).as("two completions and two claims in one commit").isEqualTo(4);
            assertThat(first.changeFailure()).isNull();
            assertThat(first.committed().task().status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(stolen.changeFailure()).isInstanceOf(TaskLostException.class);
            assertThat(first.claims()).hasSize(1);
            assertThat(stolen.claims()).hasSize(1);
            assertThat(List.of(first.claims().getFirst().task().id(), stolen.claims().getFirst().task().id()))
                    .as("each claim its own task, the two pending ones").containsExactlyInAnyOrderElementsOf(next);
            for (UUID id : next) {
                assertThat(sunk).filteredOn(e -> e.taskId().equals(id)).extracting(TaskEvent::seq)
                        .containsExactly(1L, 2L);
            }
        }
    }

    /**
     * A burst through the real engine (its completions group-committed): every watcher of the project's
     * stream sees every task's terminal event, on the engine's server and, on Postgres, on a server of
     * another process-like node that learns of the commits by NOTIFY.
     */
    @Test
    void watchersSeeEveryTerminalEventOfABurst() throws Exception {
        int n = 120;
        try (TestDatabase db = TestDatabase.create(kind());
             TaskstreamServer engine = TestServer.start(db, s -> s.withWorkers(8));
             TaskstreamServer watcherOnly = TestServer.start(db, s -> s.withWorkers(0))) {
            List<TaskstreamServer> watched = kind() == TestDatabase.Kind.POSTGRES ? List.of(engine, watcherOnly)
                    : List.of(engine); // H2 runs in one process: no NOTIFY between servers
            String project = "group-burst";
            List<RawSse> streams = new ArrayList<>();
            Map<RawSse, Set<String>> ended = new ConcurrentHashMap<>();
            ExecutorService readers = Executors.newCachedThreadPool();
            try {
                List<Future<?>> reading = new ArrayList<>();
                for (TaskstreamServer s : watched) {
                    RawSse sse = RawSse.open(s.baseUrl(), "/api/v1/tasks/stream?project_id=" + project);
                    streams.add(sse);
                    Set<String> seen = ConcurrentHashMap.newKeySet();
                    ended.put(sse, seen);
                    reading.add(readers.submit(() -> readUntil(sse, seen, n)));
                }
                String one = "{\"name\":\"test_steps\",\"project_id\":\"" + project + "\",\"params\":{\"steps\":0}}";
                Http http = new Http(engine.baseUrl());
                Http.Answer batch = http.post("/api/v1/tasks/batch",
                        "{\"tasks\":[" + String.join(",", Collections.nCopies(n, one)) + "]}");
                assertThat(batch.status()).as(batch.body()).isEqualTo(202);
                Set<String> expected = new HashSet<>();
                batch.json().get("task_ids").forEach(id -> expected.add(id.asText()));
                for (Future<?> f : reading) {
                    f.get(60, TimeUnit.SECONDS);
                }
                for (Set<String> seen : ended.values()) {
                    assertThat(seen).isEqualTo(expected);
                }
            } finally {
                readers.shutdownNow();
                for (RawSse s : streams) {
                    s.close();
                }
            }
        }
    }

    private static Void readUntil(RawSse sse, Set<String> ended, int n) throws Exception {
        while (ended.size() < n) {
            RawSse.Block e = sse.nextEvent();
            if (e == null) {
                throw new AssertionError("stream ended after " + ended.size() + " of " + n + " terminal events");
            }
            if ("completed".equals(e.event())) {
                ended.add(Json.mapper().readTree(e.data()).get("id").asText());
            }
        }
        return null;
    }
}
