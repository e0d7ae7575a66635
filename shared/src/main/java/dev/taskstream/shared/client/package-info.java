/**
 * Client side of Taskstream: the REST client and the Server-Sent Events client with reconnect.
 *
 * <ul>
 *   <li>{@link dev.taskstream.shared.client.TaskstreamClient} - blocking REST calls; errors as
 *       {@link dev.taskstream.shared.client.ApiException}.</li>
 *   <li>{@link dev.taskstream.shared.client.SseClient} - one SSE connection with EventSource semantics
 *       (Last-Event-ID, {@code retry:}, backoff with jitter, idle watchdog, stop condition), delivering to an
 *       {@link dev.taskstream.shared.client.SseListener} from one reader thread; its parts are the
 *       {@code SseConnectionLoop} (the reader thread), the {@code ReconnectPolicy} (delays, retried statuses) and
 *       the {@code IdleWatchdog}.</li>
 *   <li>{@link dev.taskstream.shared.client.SseParser} - the incremental {@code text/event-stream} parser.</li>
 *   <li>{@link dev.taskstream.shared.client.TaskWatcher} - one task's stream until its terminal event, typed.
 *       {@link dev.taskstream.shared.tracking.TaskTracker} builds on it, adding the polling fallback.</li>
 * </ul>
 *
 * <pre>{@code
 * TaskstreamClient api = TaskstreamClient.create("http://127.0.0.1:8000", token);
 * TaskAccepted started = api.rebuildCommunities("demo", null, null, null);
 * TaskWatcher watcher = TaskWatcher.watch(api, started.taskId(), new TaskWatcher.Listener() {
 *     public void onProgress(ProgressEvent p) { System.out.println(p.progress() + "% " + p.message()); }
 * });
 * switch (watcher.await(Duration.ofHours(1))) {
 *     case TaskWatcher.Outcome.Finished f -> System.out.println(f.task().status());
 *     case TaskWatcher.Outcome.NotFound n -> System.err.println("no such task");
 *     case TaskWatcher.Outcome.Failed f -> System.err.println(f.message());
 *     case TaskWatcher.Outcome.Closed c -> { }
 * }
 * }</pre>
 */
package dev.taskstream.shared.client;
