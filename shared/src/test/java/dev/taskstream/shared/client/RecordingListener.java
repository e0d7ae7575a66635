package dev.taskstream.shared.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records every callback, and checks that all of them come from one thread. */
class RecordingListener implements SseListener {
    final List<SseEvent> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<Duration> retryDelays = new CopyOnWriteArrayList<>();
    final List<Long> callbackThreads = new CopyOnWriteArrayList<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch firstFailure = new CountDownLatch(1);
    volatile int opens;
    volatile int closedCalls;

    private void thread() {
        long id = Thread.currentThread().threadId();
        if (!callbackThreads.contains(id)) {
            callbackThreads.add(id);
        }
    }

    @Override
    public void onOpen() {
        thread();
        opens++;
        opened.countDown();
    }

    @Override
    public void onEvent(SseEvent event) {
        thread();
        events.add(event);
    }

    @Override
    public void onComment(String comment) {
        thread();
        comments.add(comment);
    }

    @Override
    public void onStateChange(ConnectionState state) {
        thread();
        states.add(state);
    }

    @Override
    public void onFailure(Throwable cause, Duration retryIn) {
        thread();
        failures.add(cause);
        retryDelays.add(retryIn);
        firstFailure.countDown();
    }

    @Override
    public void onClosed(CloseReason reason) {
        thread();
        closedCalls++;
        closed.complete(reason);
    }

    CloseReason awaitClosed() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    void awaitOpen() throws InterruptedException {
        if (!opened.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("stream did not open; states " + states + ", failures " + failures);
        }
    }

    List<String> ids() {
        return events.stream().map(SseEvent::id).toList();
    }
}
