package dev.taskstream.shared.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final List<Long> retries = new ArrayList<>();
    private final SseParser parser = new SseParser(new SseParser.Handler() {
        @Override
        public void onEvent(SseEvent event) {
            events.add(event);
        }

        @Override
        public void onComment(String comment) {
            comments.add(comment);
        }

        @Override
        public void onRetry(long millis) {
            retries.add(millis);
        }
    });

    private void feed(String s) {
        parser.feed(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lfCrAndCrlfLineEndingsAreAllAccepted() {
        feed("id: 1\nevent: progress\ndata: a\n\n");
        feed("id: 2\revent: progress\rdata: b\r\r");
        feed("id: 3\r\nevent: progress\r\ndata: c\r\n\r\n");
        assertThat(events).containsExactly(
                new SseEvent("1", "progress", "a"),
                new SseEvent("2", "progress", "b"),
                new SseEvent("3", "progress", "c"));
    }

    @Test
    void crlfSplitAcrossChunksIsOneLineEnding() {
        feed("data: x\r");
        feed("\ndata: y\r");
        feed("\n\r");
        feed("\n");
        assertThat(events).containsExactly(new SseEvent(null, "message", "x\ny"));
    }

    @Test
    void everyByteFedSeparatelyGivesTheSameResult() {
        byte[] all = "\uFEFFid: 7\r\nevent: completed\r\ndata: {\"name\":\"Zoë ✓\"}\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : all) {
            parser.feed(new byte[] {b});
        }
        assertThat(events).containsExactly(new SseEvent("7", "completed", "{\"name\":\"Zoë ✓\"}"));
    }

    @Test
    void leadingBomIsIgnoredOnlyOnce() {
        feed("\uFEFFdata: first\n\n\uFEFFdata: second\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("first");
        // the second BOM makes the field name "\uFEFFdata", an unknown field: nothing dispatched
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() {
        feed("data: line one\ndata:line two\ndata\ndata:  indented\n\n");
        assertThat(events).containsExactly(new SseEvent(null, "message", "line one\nline two\n\n indented"));
    }

    @Test
    void commentsAreReportedAndDoNotDispatch() {
        feed(": ping\n:raw\n:\n\n");
        assertThat(comments).containsExactly("ping", "raw", "");
        assertThat(events).isEmpty();
    }

    @Test
    void retryAcceptsDigitsOnly() {
        feed("retry: 50\nretry: 1.5\nretry: -3\nretry: 12a\nretry:\nretry: 3000\n\n");
        assertThat(retries).containsExactly(50L, 3000L);
    }

    @Test
    void idContainingNulIsIgnored() {
        feed("id: 5\ndata: a\n\nid: 6\0x\ndata: b\n\n");
        assertThat(events).containsExactly(new SseEvent("5", "message", "a"), new SseEvent("5", "message", "b"));
        assertThat(parser.lastEventId()).isEqualTo("5");
    }

    @Test
    void idPersistsAcrossEventsAndEmptyIdResetsIt() {
        feed("id: 9\ndata: a\n\ndata: b\n\nid\ndata: c\n\n");
        assertThat(events).extracting(SseEvent::id).containsExactly("9", "9", null);
        assertThat(parser.lastEventId()).isNull();
    }

    @Test
    void eventWithoutDataIsNotDispatchedButItsIdCounts() {
        feed("event: progress\nid: 4\n\ndata: after\n\n");
        assertThat(events).containsExactly(new SseEvent("4", "message", "after"));
    }

    @Test
    void eventTypeDoesNotLeakIntoTheNextEvent() {
        feed("event: progress\ndata: 1\n\ndata: 2\n\n");
        assertThat(events).extracting(SseEvent::event).containsExactly("progress", "message");
    }

    @Test
    void fieldWithoutColonAndUnknownFieldsAreHandled() {
        feed("data\nfoo: bar\nevent\n\n");
        assertThat(events).containsExactly(new SseEvent(null, "message", ""));
    }

    @Test
    void partialFinalEventIsDiscardedAtEof() throws IOException {
        byte[] bytes = "id: 1\ndata: complete\n\nid: 2\ndata: partial\n".getBytes(StandardCharsets.UTF_8);
        parser.readAll(new ByteArrayInputStream(bytes));
        assertThat(events).containsExactly(new SseEvent("1", "message", "complete"));
        assertThat(parser.lastEventId()).isEqualTo("1");
    }

    @Test
    void partialFinalLineIsDiscardedAtEof() throws IOException {
        parser.readAll(new ByteArrayInputStream("data: a\n\ndata: b".getBytes(StandardCharsets.UTF_8)));
        assertThat(events).extracting(SseEvent::data).containsExactly("a");
    }

    @Test
    void initialLastEventIdIsCarriedUntilTheServerSetsOne() {
        List<SseEvent> got = new ArrayList<>();
        SseParser p = new SseParser(got::add, "41", SseParser.DEFAULT_MAX_LINE_BYTES);
        p.feed("data: x\n\nid: 42\ndata: y\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(got).extracting(SseEvent::id).containsExactly("41", "42");
    }

    @Test
    void feedLineWorksForLineOrientedInput() {
        for (String l : List.of("\uFEFF: hi", "id: 3", "event: failed", "data: {}", "")) {
            parser.feedLine(l);
        }
        assertThat(comments).containsExactly("hi");
        assertThat(events).containsExactly(new SseEvent("3", "failed", "{}"));
    }

    @Test
    void overlongLineIsRejected() {
        SseParser small = new SseParser(e -> { }, null, 16);
        assertThatThrownBy(() -> small.feed(("data: " + "x".repeat(40)).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SseProtocolException.class);
    }
}
