package dev.taskstream.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.testing.TestDatabase;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.api.TaskView;
import dev.taskstream.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskStorage#claim}: oldest first, at most the batch asked for, only the names asked for, each claimed row
 * started with its "Started" event in the same commit, and two claimers never get one task. Postgres claims in
 * one statement and H2 locks then saves, so both are held to the same outcome.
 */
abstract class TaskClaimContract {
    private static final Instant LEASE = Instant.parse("2100-01-01T00:00:00Z");

    abstract TestDatabase.Kind kind();

    /** One millisecond later at every reading: tasks created one by one have distinct, ordered created_at. */
    private static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }
    }

    @Test
    void eachDatabaseGetsTheStorageOfItsDialect() throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind());
             Database db = Database.open(tdb.url(), tdb.user(), null, 4)) {
            TaskStorage storage = TaskStorage.forDatabase(db, Clock.systemUTC(), "node-a", e -> { });
            if (kind() == TestDatabase.Kind.POSTGRES) {
                assertThat(storage).isInstanceOf(PostgresTaskStorage.class);
                assertThat(storage.notifyChannel()).as("one channel per schema").startsWith("taskstream_events_ts_");
            } else {
                assertThat(storage).isInstanceOf(H2TaskStorage.class);
                assertThat(storage.notifyChannel()).isEqualTo("taskstream_events");
            }
        }
    }

    @Test
    void claimsTheOldestPendingTasksOfItsNamesAndStartsThemWithTheirEvent() throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind());
             Database db = Database.open(tdb.url(), tdb.user(), null, 4)) {
            List<TaskEvent> sunk = new CopyOnWriteArrayList<>();
            TaskStorage store = TaskStorage.forDatabase(db, new TickingClock(), "node-a", sunk::add);
            List<UUID> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(store.create(NewTask.of("wanted", "claims", Json.mapper().createObjectNode().put("i", i)))
                        .id());
                store.create(NewTask.of("other", "claims", null));
            }
            sunk.clear();

            List<TaskStorage.Claim> first = store.claim(Set.of("wanted"), "worker-a", LEASE, 3);

            assertThat(first).extracting(c -> c.task().id()).containsExactlyElementsOf(created.subList(0, 3));
            assertThat(first).extracting(c -> c.params().get("i").asInt()).containsExactly(0, 1, 2);
            for (TaskStorage.Claim c : first) {
                TaskView t = c.task();
                assertThat(t.status()).isEqualTo(TaskStatus.PROCESSING);
                assertThat(t.message()).isEqualTo("Started");
                assertThat(t.progress()).isZero();
                assertThat(t.workerId()).isEqualTo("worker-a");
                assertThat(t.startedAt()).isNotNull().isAfter(t.createdAt());
                TaskView saved = store.find(t.id()).orElseThrow();
                assertThat(saved).isEqualTo(t);
                List<TaskEvent> events = store.eventsAfter(t.id(), 0);
                assertThat(events).extracting(TaskEvent::seq).containsExactly(1L, 2L);
                assertThat(events.get(1).payload()).contains("\"Started\"");
            }
            assertThat(sunk).extracting(TaskEvent::taskId).containsExactlyElementsOf(created.subList(0, 3));

            assertThat(store.claim(Set.of("wanted"), "worker-b", LEASE, 10)).extracting(c -> c.task().id())
                    .containsExactlyElementsOf(created.subList(3, 5));
            assertThat(store.claim(Set.of("wanted"), "worker-b", LEASE, 10)).isEmpty();
        }
    }

    @Test
    void twoClaimersNeverGetOneTask() throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind());
             Database db = Database.open(tdb.urlPatientWithLocks(), tdb.user(), null, 8)) {
            TaskStorage store = TaskStorage.forDatabase(db, Clock.systemUTC(), "node-a", e -> { });
            store.createAll(Collections.nCopies(300, NewTask.of("t", "race", null)));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<UUID>>> claimers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    String worker = "worker-" + w;
                    claimers.add(pool.submit(() -> {
                        List<UUID> mine = new ArrayList<>();
                        for (List<TaskStorage.Claim> batch = store.claim(Set.of("t"), worker, LEASE, 7);
                                !batch.isEmpty(); batch = store.claim(Set.of("t"), worker, LEASE, 7)) {
                            batch.forEach(c -> mine.add(c.task().id()));
                        }
                        return mine;
                    }));
                }
                List<UUID> all = new ArrayList<>();
                for (Future<List<UUID>> f : claimers) {
                    all.addAll(f.get());
                }
                assertThat(all).hasSize(300);
                assertThat(new HashSet<>(all)).hasSize(300);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
