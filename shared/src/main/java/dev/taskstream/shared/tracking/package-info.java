/**
 * Following one task to its end, independent of any UI: {@link dev.taskstream.shared.tracking.TaskTracker} picks the
 * connection (live stream, reconnect, polling, offline) and publishes immutable
 * {@link dev.taskstream.shared.tracking.TrackedTask} snapshots; the desktop card and the {@code watch} command render
 * them.
 */
package dev.taskstream.shared.tracking;
