package dev.taskstream.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The NOTIFY payload: one per commit, split below Postgres' limit, the one-event form unchanged. */
class EventNoticeTest {
    private static TaskEvent event(UUID task, long seq) {
        return new TaskEvent(task, null, seq, "progress", "{}", Instant.EPOCH);
    }

    @Test
    void oneEventKeepsTheSingleEventForm() {
        UUID task = UUID.randomUUID();
        List<String> payloads = EventNotice.payloads("node-1", List.of(event(task, 7)));
        assertThat(payloads).containsExactly("node-1|" + task + "|7");
        assertThat(EventNotice.parse(payloads.getFirst()))
                .isEqualTo(new EventNotice("node-1", List.of(new EventNotice.Ref(task, 7))));
    }

    @Test
    void manyEventsShareFewPayloadsBelowTheLimitAndReadBackInOrder() {
        List<TaskEvent> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            events.add(event(UUID.randomUUID(), i % 3 + 1));
        }
        List<String> payloads = EventNotice.payloads("node-1", events);
        assertThat(payloads).hasSizeLessThan(10).allMatch(p -> p.getBytes().length < 8_000);
        List<EventNotice.Ref> read = new ArrayList<>();
        payloads.forEach(p -> read.addAll(EventNotice.parse(p).events()));
        assertThat(read).containsExactlyElementsOf(events.stream()
                .map(e -> new EventNotice.Ref(e.taskId(), e.seq())).toList());
    }

    @Test
    void foreignPayloadsAreRefused() {
        assertThatThrownBy(() -> EventNotice.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventNotice.parse("n|" + UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
