package dev.taskstream.shared.api;

import java.util.List;

/** One page of a list endpoint; {@code total} counts all matching items. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
}
